import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FastQuery, rowsOf } from '@alveole/core';
import { positionToTimestamp } from './post-view';

export interface CommentView {
  id: string;
  postId: string;
  sphereId: string;
  parentId: string | null;
  /** null: a former member's comment. */
  authorId: string | null;
  authorName: string | null;
  body: string;
  html: string;
  status: 'published' | 'hidden' | 'removed';
  createdAt: Date;
  editedAt: Date | null;
  position: string;
}

/** Who reads a comment list: hidden comments show to their author, hidden and removed ones to moderators. */
export interface CommentReader {
  userId: string;
  moderator: boolean;
}

export interface NewComment {
  id: string;
  organisationId: string;
  sphereId: string;
  postId: string;
  parentId: string | null;
  authorId: string;
  body: string;
  html: string;
}

const COLUMNS = `c.id, c.post_id AS "postId", c.sphere_id AS "sphereId", c.parent_id AS "parentId",
  c.author_id AS "authorId", u.display_name AS "authorName", c.body, c.html, c.status, c.created_at AS "createdAt",
  c.edited_at AS "editedAt", (extract(epoch FROM c.created_at) * 1000000)::int8::text AS position`;

/** Comments of a post, oldest first; replies carry their parent's id (one level). */
@Injectable()
export class CommentsRepository {
  constructor(private readonly db: FastQuery) {}

  // comments_post_idx (post_id, created_at, id) WHERE deleted_at IS NULL; the status is a filter on its rows
  async page(
    postId: string,
    reader: CommentReader,
    limit: number,
    after?: { t: number; id: string },
  ): Promise<CommentView[]> {
    const bound = after ? `AND (c.created_at, c.id) > (${positionToTimestamp('$5')}, $6)` : '';
    const params: unknown[] = [postId, limit, reader.userId, reader.moderator];
    return this.db.rows<CommentView>(
      `SELECT ${COLUMNS} FROM comments c LEFT JOIN users u ON u.id = c.author_id
       WHERE c.post_id = $1 AND c.deleted_at IS NULL ${bound}
         AND (c.status = 'published' OR $4 OR (c.status = 'hidden' AND c.author_id = $3))
       ORDER BY c.created_at, c.id LIMIT $2`,
      after ? [...params, after.t, after.id] : params,
    );
  }

  async findParent(
    commentId: string,
    manager: EntityManager,
  ): Promise<{ postId: string; parentId: string | null } | null> {
    const [row] = await manager.query<{ postId: string; parentId: string | null }[]>(
      `SELECT post_id AS "postId", parent_id AS "parentId" FROM comments WHERE id = $1 AND deleted_at IS NULL`,
      [commentId],
    );
    return row ?? null;
  }

  /** Inserts the comment and counts it on its post, in the caller's transaction. */
  async insert(comment: NewComment, manager: EntityManager): Promise<number> {
    await manager.query(
      `INSERT INTO comments (id, organisation_id, sphere_id, post_id, parent_id, author_id, body, html)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        comment.id,
        comment.organisationId,
        comment.sphereId,
        comment.postId,
        comment.parentId,
        comment.authorId,
        comment.body,
        comment.html,
      ],
    );
    // TypeORM answers an UPDATE with [rows, rowCount]: rowsOf keeps the rows
    const [row] = rowsOf<{ comment_count: number }>(
      await manager.query(`UPDATE posts SET comment_count = comment_count + 1 WHERE id = $1 RETURNING comment_count`, [
        comment.postId,
      ]),
    );
    return row.comment_count;
  }

  /**
   * Sets a comment's moderation status and keeps its post's count of published comments; answers
   * that count. The caller holds the comment's row lock and knows the status changes.
   */
  async setStatus(
    comment: { id: string; postId: string; status: CommentView['status'] },
    status: CommentView['status'],
    manager: EntityManager,
  ): Promise<number> {
    await manager.query(`UPDATE comments SET status = $2 WHERE id = $1`, [comment.id, status]);
    const delta = (status === 'published' ? 1 : 0) - (comment.status === 'published' ? 1 : 0);
    const [row] = rowsOf<{ comment_count: number }>(
      await manager.query(`UPDATE posts SET comment_count = comment_count + $2 WHERE id = $1 RETURNING comment_count`, [
        comment.postId,
        delta,
      ]),
    );
    return row.comment_count;
  }

  async view(commentId: string, manager: EntityManager): Promise<CommentView> {
    const [row] = await manager.query<CommentView[]>(
      `SELECT ${COLUMNS} FROM comments c LEFT JOIN users u ON u.id = c.author_id WHERE c.id = $1`,
      [commentId],
    );
    return row;
  }
}
