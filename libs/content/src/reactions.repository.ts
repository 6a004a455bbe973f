import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { rowsOf } from '@alveole/core';

/**
 * One reaction per (post, user, kind). The count on the post row changes only when a row was
 * really inserted or deleted, in the same transaction, and the UPDATE takes the post's row lock:
 * concurrent PUTs of the same reaction count once, concurrent different ones all count.
 */
@Injectable()
export class ReactionsRepository {
  /** Returns the post's counts after the change. */
  async add(
    post: { id: string; organisationId: string },
    userId: string,
    kind: string,
    manager: EntityManager,
  ): Promise<Record<string, number>> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO reactions (post_id, user_id, kind, organisation_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING kind`,
      [post.id, userId, kind, post.organisationId],
    );
    return inserted.length > 0 ? this.bump(post.id, kind, 1, manager) : this.counts(post.id, manager);
  }

  async remove(postId: string, userId: string, kind: string, manager: EntityManager): Promise<Record<string, number>> {
    // TypeORM answers a DELETE with [rows, rowCount]: rowsOf keeps the rows
    const deleted = rowsOf(
      await manager.query(`DELETE FROM reactions WHERE post_id = $1 AND user_id = $2 AND kind = $3 RETURNING kind`, [
        postId,
        userId,
        kind,
      ]),
    );
    return deleted.length > 0 ? this.bump(postId, kind, -1, manager) : this.counts(postId, manager);
  }

  private async bump(postId: string, kind: string, by: 1 | -1, manager: EntityManager) {
    // a kind dropping to zero leaves the map, so clients see exactly the kinds in use
    const [row] = rowsOf<{ counts: Record<string, number> }>(
      await manager.query(
        `UPDATE posts SET reaction_counts = CASE
         WHEN coalesce((reaction_counts ->> $2)::int, 0) + $3 <= 0 THEN reaction_counts - $2
         ELSE jsonb_set(reaction_counts, ARRAY[$2], to_jsonb(coalesce((reaction_counts ->> $2)::int, 0) + $3)) END
       WHERE id = $1 RETURNING reaction_counts AS counts`,
        [postId, kind, by],
      ),
    );
    return row.counts;
  }

  private async counts(postId: string, manager: EntityManager): Promise<Record<string, number>> {
    const [row] = await manager.query<{ counts: Record<string, number> }[]>(
      `SELECT reaction_counts AS counts FROM posts WHERE id = $1`,
      [postId],
    );
    return row.counts;
  }
}
