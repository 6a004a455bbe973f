import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FastQuery } from '@alveole/core';

/** A post or comment as the moderation context acts on it (see ContentModeration). */
export interface TargetRow {
  type: 'post' | 'comment';
  id: string;
  organisationId: string;
  sphereId: string;
  spherePath: string;
  authorId: string | null;
  status: 'published' | 'pending' | 'hidden' | 'removed';
  /** The post itself for a post; the comment's post for a comment. */
  postId: string;
  /** The post's own status (a comment's live events must not reach the sphere while its post is out of sight). */
  postStatus: 'published' | 'pending' | 'hidden' | 'removed';
}

// posts_pkey, spheres_pkey
const POST = `
  SELECT 'post' AS type, p.id, p.organisation_id AS "organisationId", p.sphere_id AS "sphereId", s.path AS "spherePath",
    p.author_id AS "authorId", p.status, p.id AS "postId", p.status AS "postStatus"
  FROM posts p JOIN spheres s ON s.id = p.sphere_id
  WHERE p.id = $1 AND p.deleted_at IS NULL`;

// comments_pkey, posts_pkey, spheres_pkey; a comment under a deleted post is gone with it
const COMMENT = `
  SELECT 'comment' AS type, c.id, c.organisation_id AS "organisationId", c.sphere_id AS "sphereId",
    s.path AS "spherePath", c.author_id AS "authorId", c.status, c.post_id AS "postId", p.status AS "postStatus"
  FROM comments c JOIN posts p ON p.id = c.post_id JOIN spheres s ON s.id = c.sphere_id
  WHERE c.id = $1 AND c.deleted_at IS NULL AND p.deleted_at IS NULL`;

/** What a moderator reads of a post or comment: the evidence a case keeps, or the current version beside it. */
export interface TargetEvidence {
  author: { id: string; displayName: string };
  body: string;
  status: 'published' | 'pending' | 'hidden' | 'removed';
  createdAt: Date;
  editedAt: Date | null;
}

const EVIDENCE = (table: 'posts' | 'comments') => `
  SELECT CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'displayName', u.display_name) END AS author, t.body, t.status,
    t.created_at AS "createdAt", t.edited_at AS "editedAt"
  FROM ${table} t LEFT JOIN users u ON u.id = t.author_id
  WHERE t.id = $1 AND t.deleted_at IS NULL`;

/** Single-row reads of moderated posts and comments, locked when inside the caller's transaction. */
@Injectable()
export class ModeratedTargetsRepository {
  constructor(private readonly db: FastQuery) {}

  async find(type: 'post' | 'comment', id: string, manager?: EntityManager): Promise<TargetRow | null> {
    const sql = type === 'post' ? POST : COMMENT;
    const rows: TargetRow[] = manager
      ? await manager.query(`${sql} FOR UPDATE OF ${type === 'post' ? 'p' : 'c'}`, [id])
      : await this.db.prepared(`content-moderated-${type}`, sql, [id]);
    return rows[0] ?? null;
  }

  async evidence(type: 'post' | 'comment', id: string, manager?: EntityManager): Promise<TargetEvidence | null> {
    const sql = EVIDENCE(type === 'post' ? 'posts' : 'comments');
    const rows: TargetEvidence[] = manager ? await manager.query(sql, [id]) : await this.db.rows(sql, [id]);
    return rows[0] ?? null;
  }
}
