import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FastQuery } from '@alveole/core';
import type { PostFacts } from './content.rules';
import { ContentSphere, oldestVisible } from './content-sphere';
import { SPHERE_FOR_READER } from './feed.statements';
import { PostView, postViewColumns } from './post-view';

export interface NewPost {
  id: string;
  organisationId: string;
  sphereId: string;
  authorId: string;
  body: string;
  html: string;
  status: 'published' | 'pending';
  /** Documents of the same sphere (checked with documentsOf). */
  attachmentIds: string[];
}

export interface PostRevision {
  id: string;
  body: string;
  createdAt: Date;
  editorId: string;
  editorName: string;
}

/** A post with what its checks need: its sphere's facts and the reader's join date. */
export interface PostRecord extends PostFacts {
  organisationId: string;
  createdAt: Date;
  pinned: boolean;
  important: boolean;
  body: string;
  sphere: ContentSphere;
}

// posts_pkey, spheres_pkey, memberships_pkey
const POST_RECORD = `
  SELECT p.id, p.sphere_id AS "sphereId", p.author_id AS "authorId", p.status, p.organisation_id AS "organisationId",
    p.created_at AS "createdAt", p.pinned_at IS NOT NULL AS pinned, p.important, p.body,
    json_build_object('id', s.id, 'organisationId', s.organisation_id, 'path', s.path, 'visibility', s.visibility,
      'archived', s.archived_at IS NOT NULL, 'postingPolicy', s.posting_policy, 'moderationMode', s.moderation_mode,
      'historyVisibleToNewcomers', s.history_visible_to_newcomers,
      'joinedAt', coalesce(m.joined_at, m.created_at)) AS sphere
  FROM posts p JOIN spheres s ON s.id = p.sphere_id
  LEFT JOIN memberships m ON m.sphere_id = p.sphere_id AND m.user_id = $2
  WHERE p.id = $1 AND p.deleted_at IS NULL`;

/** Posts: the writes, and single-post reads. Feed pages are in FeedsRepository. */
@Injectable()
export class PostsRepository {
  constructor(private readonly db: FastQuery) {}

  async sphereForReader(sphereId: string, readerId: string): Promise<ContentSphere | null> {
    const [row] = await this.db.prepared<ContentSphere>('content-sphere-for-reader', SPHERE_FOR_READER, [
      sphereId,
      readerId,
    ]);
    return row ?? null;
  }

  async findRecord(postId: string, readerId: string, manager?: EntityManager): Promise<PostRecord | null> {
    const sql = manager ? `${POST_RECORD} FOR UPDATE OF p` : POST_RECORD;
    const rows: PostRecord[] = manager
      ? await manager.query(sql, [postId, readerId])
      : await this.db.prepared('content-post-record', sql, [postId, readerId]);
    const row = rows[0];
    if (!row) return null;
    const joinedAt = row.sphere.joinedAt as unknown as string | null;
    const sphere = { ...row.sphere, joinedAt: joinedAt ? new Date(joinedAt) : null };
    const oldest = oldestVisible(sphere);
    return {
      ...row,
      sphereArchived: row.sphere.archived,
      olderThanReader: oldest !== '-infinity' && row.createdAt < oldest,
      sphere,
    };
  }

  async view(postId: string, readerId: string | null, manager?: EntityManager): Promise<PostView | null> {
    const sql = `SELECT ${postViewColumns('$2')} FROM posts p WHERE p.id = $1`;
    const rows: PostView[] = manager
      ? await manager.query(sql, [postId, readerId])
      : await this.db.prepared('content-post-view', sql, [postId, readerId]);
    return rows[0] ?? null;
  }

  async insert(post: NewPost, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO posts (id, organisation_id, sphere_id, author_id, body, html, status, attachment_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        post.id,
        post.organisationId,
        post.sphereId,
        post.authorId,
        post.body,
        post.html,
        post.status,
        post.attachmentIds,
      ],
    );
  }

  /**
   * Which of these ids are documents of the sphere, not deleted nor moderated: a post may attach only those. Read
   * from the documents context's table, as posts read the structure's (the same database, read-only).
   */
  async documentsOf(sphereId: string, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.rows<{ id: string }>(
      `SELECT id FROM documents
        WHERE sphere_id = $1 AND id = ANY($2::uuid[]) AND deleted_at IS NULL AND status = 'published'`,
      [sphereId, ids],
    );
    return rows.map((row) => row.id);
  }

  /** Published posts of this author in this sphere, up to `upTo` (posts_author_idx). */
  async countPublishedByAuthor(sphereId: string, authorId: string, upTo: number, manager: EntityManager) {
    const [row] = await manager.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM (SELECT 1 FROM posts WHERE author_id = $1 AND sphere_id = $2
         AND status = 'published' AND deleted_at IS NULL LIMIT $3) p`,
      [authorId, sphereId, upTo],
    );
    return row.count;
  }

  /** Keeps the previous body as a revision, then replaces it. */
  async edit(
    post: PostRecord,
    change: { body: string; html: string; editorId: string; revisionId: string },
    manager: EntityManager,
  ) {
    await manager.query(
      `INSERT INTO post_revisions (id, post_id, organisation_id, body, edited_by) VALUES ($1, $2, $3, $4, $5)`,
      [change.revisionId, post.id, post.organisationId, post.body, change.editorId],
    );
    await manager.query(`UPDATE posts SET body = $2, html = $3, edited_at = now() WHERE id = $1`, [
      post.id,
      change.body,
      change.html,
    ]);
  }

  async setImportant(postId: string, important: boolean, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE posts SET important = $2 WHERE id = $1`, [postId, important]);
  }

  async setPinned(postId: string, pinned: boolean, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE posts SET pinned_at = CASE WHEN $2 THEN coalesce(pinned_at, now()) END WHERE id = $1`, [
      postId,
      pinned,
    ]);
  }

  async publish(postId: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE posts SET status = 'published' WHERE id = $1`, [postId]);
  }

  /** A moderation status (hidden, removed, restored); publishing a pending post is `publish`. */
  async setStatus(postId: string, status: 'published' | 'hidden' | 'removed', manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE posts SET status = $2 WHERE id = $1`, [postId, status]);
  }

  async softDelete(postId: string, deletedBy: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE posts SET deleted_at = now(), deleted_by = $2, pinned_at = NULL WHERE id = $1`, [
      postId,
      deletedBy,
    ]);
  }

  /** Earlier bodies, newest first (post_revisions_post_idx); a post keeps at most a few hundred. */
  async revisions(postId: string, limit: number): Promise<PostRevision[]> {
    return this.db.rows<PostRevision>(
      `SELECT r.id, r.body, r.created_at AS "createdAt", r.edited_by AS "editorId", u.display_name AS "editorName"
       FROM post_revisions r LEFT JOIN users u ON u.id = r.edited_by
       WHERE r.post_id = $1 ORDER BY r.created_at DESC, r.id DESC LIMIT $2`,
      [postId, limit],
    );
  }
}
