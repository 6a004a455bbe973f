import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FastQuery, rowsOf } from '@alveole/core';
import { positionToTimestamp } from './post-view';

export interface CommentView {
  id: string;
  postId: string;
  sphereId: string;
  parentId: string | null;
  authorId: string;
  authorName: string;
  body: string;
  html: string;
  createdAt: Date;
  editedAt: Date | null;
  position: string;
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
  c.author_id AS "authorId", u.display_name AS "authorName", c.body, c.html, c.created_at AS "createdAt",
  c.edited_at AS "editedAt", (extract(epoch FROM c.created_at) * 1000000)::int8::text AS position`;

/** Comments of a post, oldest first; replies carry their parent's id (one level). */
@Injectable()
export class CommentsRepository {
  constructor(private readonly db: FastQuery) {}

  // comments_post_idx (post_id, created_at, id) WHERE deleted_at IS NULL
  async page(postId: string, limit: number, after?: { t: number; id: string }): Promise<CommentView[]> {
    const bound = after ? `AND (c.created_at, c.id) > (${positionToTimestamp('$3')}, $4)` : '';
    return this.db.rows<CommentView>(
      `SELECT ${COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id
       WHERE c.post_id = $1 AND c.deleted_at IS NULL ${bound}
       ORDER BY c.created_at, c.id LIMIT $2`,
      after ? [postId, limit, after.t, after.id] : [postId, limit],
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

  async view(commentId: string, manager: EntityManager): Promise<CommentView> {
    const [row] = await manager.query<CommentView[]>(
      `SELECT ${COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = $1`,
      [commentId],
    );
    return row;
  }
}
