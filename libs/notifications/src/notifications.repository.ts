import { Injectable } from '@nestjs/common';
import { FastQuery } from '@alveole/core';
import type { NotificationKind, SubjectType } from './notification-kinds';
import { NOTIFICATION_VIEW_COLUMNS, NOTIFICATION_VIEW_JOINS } from './reading-rule';

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
      `SELECT ${NOTIFICATION_VIEW_COLUMNS}
         FROM notifications n
         ${NOTIFICATION_VIEW_JOINS}
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
