import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { rowsOf } from '@alveole/core';
import type { ErasureParticipant, ErasureScope } from '@alveole/identity';

/**
 * The content context's part of an erasure. Posts and comments follow their organisation's
 * `content_on_erasure`: `anonymise` keeps them without an author (a "former member"), `delete` deletes
 * them (their threads, revisions, mentions and reactions go with a post). The person's reactions and
 * mentions of them go everywhere in scope; counts on the posts touched are recomputed.
 */
@Injectable()
export class ContentErasure implements ErasureParticipant {
  async erase(manager: EntityManager, userId: string, scope: ErasureScope): Promise<void> {
    const params = [userId, scope.organisationId ?? null];
    const inScope = (alias: string) => `($2::uuid IS NULL OR ${alias}.organisation_id = $2)`;
    const setting = (alias: string, value: string) =>
      `EXISTS (SELECT 1 FROM organisations o WHERE o.id = ${alias}.organisation_id AND o.content_on_erasure = '${value}')`;

    await manager.query(
      `DELETE FROM posts p WHERE p.author_id = $1 AND ${inScope('p')} AND ${setting('p', 'delete')}`,
      params,
    );
    const deletedComments = rowsOf<{ post_id: string }>(
      await manager.query(
        `DELETE FROM comments c WHERE c.author_id = $1 AND ${inScope('c')} AND ${setting('c', 'delete')} RETURNING post_id`,
        params,
      ),
    );
    await manager.query(`UPDATE posts p SET author_id = NULL WHERE p.author_id = $1 AND ${inScope('p')}`, params);
    await manager.query(`UPDATE comments c SET author_id = NULL WHERE c.author_id = $1 AND ${inScope('c')}`, params);
    await manager.query(
      `UPDATE post_revisions r SET edited_by = NULL WHERE r.edited_by = $1 AND ${inScope('r')}`,
      params,
    );
    await manager.query(`UPDATE posts p SET deleted_by = NULL WHERE p.deleted_by = $1 AND ${inScope('p')}`, params);
    await manager.query(`DELETE FROM post_mentions m WHERE m.user_id = $1 AND ${inScope('m')}`, params);
    const reacted = rowsOf<{ post_id: string }>(
      await manager.query(`DELETE FROM reactions r WHERE r.user_id = $1 AND ${inScope('r')} RETURNING post_id`, params),
    );

    const recount = [...new Set([...deletedComments, ...reacted].map((row) => row.post_id))];
    if (recount.length === 0) return;
    // the counts the feed reads: published, not deleted comments; reactions per kind
    await manager.query(
      `UPDATE posts p SET
          comment_count = (SELECT count(*) FROM comments c
                            WHERE c.post_id = p.id AND c.status = 'published' AND c.deleted_at IS NULL),
          reaction_counts = coalesce((SELECT jsonb_object_agg(kind, n) FROM
                              (SELECT kind, count(*) AS n FROM reactions r WHERE r.post_id = p.id GROUP BY kind) k), '{}')
        WHERE p.id = ANY($1::uuid[])`,
      [recount],
    );
  }
}
