import { Injectable } from '@nestjs/common';
import { FastQuery } from '@alveole/core';
import type { NotificationKind, SubjectType } from './notification-kinds';

/** A notification as its recipient lists it, with what the list shows resolved at read time. */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  organisationId: string | null;
  sphereId: string | null;
  sphereName: string | null;
  subjectType: SubjectType;
  subjectId: string | null;
  actorId: string | null;
  actorName: string | null;
  /** The post's (or comment's) first words while it is still published and readable; null otherwise. */
  excerpt: string | null;
  createdAt: Date;
  readAt: Date | null;
}

const EXCERPT_CHARS = 140;

@Injectable()
export class NotificationsRepository {
  constructor(private readonly db: FastQuery) {}

  /**
   * One page, newest event first (the primary key, backward; event ids are UUIDv7). The excerpt is read only while the recipient still reads the
   * sphere and the content is published: a removed post or a membership ended shows no content.
   */
  list(userId: string, limit: number, before: string | undefined, unreadOnly: boolean): Promise<NotificationView[]> {
    return this.db.prepared<NotificationView>(
      'notifications_list',
      `SELECT n.event_id AS id, n.kind, n.organisation_id AS "organisationId", n.sphere_id AS "sphereId",
              s.name AS "sphereName", n.subject_type AS "subjectType", n.subject_id AS "subjectId",
              n.actor_id AS "actorId", a.display_name AS "actorName",
              CASE WHEN reader.ok THEN left(coalesce(p.body, c.body), ${EXCERPT_CHARS}) END AS excerpt,
              n.created_at AS "createdAt", n.read_at AS "readAt"
         FROM notifications n
         LEFT JOIN spheres s ON s.id = n.sphere_id
         LEFT JOIN users a ON a.id = n.actor_id
         LEFT JOIN posts p ON n.subject_type = 'post' AND p.id = n.subject_id AND p.status = 'published'
         LEFT JOIN comments c ON n.subject_type = 'comment' AND c.id = n.subject_id AND c.deleted_at IS NULL
                             AND c.status = 'published'
         CROSS JOIN LATERAL (
           SELECT EXISTS (SELECT 1 FROM memberships m WHERE m.sphere_id = n.sphere_id AND m.user_id = n.user_id
                                                         AND m.status IN ('active', 'muted')) AS ok) reader
        WHERE n.user_id = $1
          AND ($2::uuid IS NULL OR n.event_id < $2::uuid)
          AND (NOT $3::boolean OR n.read_at IS NULL)
        ORDER BY n.event_id DESC
        LIMIT $4`,
      [userId, before ?? null, unreadOnly, limit],
    );
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = await this.db.prepared<{ count: number }>(
      'notifications_unread_count',
      `SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return row.count;
  }

  /** Marks these (or all) read; returns the ids that changed and the count left unread. */
  async markRead(userId: string, ids: string[] | 'all'): Promise<{ ids: string[]; unreadCount: number }> {
    const changed = await this.db.rows<{ id: string }>(
      `UPDATE notifications SET read_at = now()
        WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR event_id = ANY($2::uuid[]))
        RETURNING event_id AS id`,
      [userId, ids === 'all' ? null : ids],
    );
    return { ids: changed.map((row) => row.id), unreadCount: await this.unreadCount(userId) };
  }
}
