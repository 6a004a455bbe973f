import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvents } from '@alveole/core';
import type { NotificationPayload } from '@alveole/realtime';
import type { NotificationKind, SubjectType } from './notification-kinds';
import { NotificationEvents } from './notifications.events';

/**
 * Held shared by every transaction that writes notifications, taken exclusively by an erasure before it deletes a
 * person's notifications: the erasure waits for the writes already under way (their rows are then deleted with
 * the rest), and writes that start later see the person gone. It replaces a foreign key to users, whose check
 * on every row cost a fan-out most of its time (migration 1764000900000).
 */
export const NOTIFICATION_WRITES_LOCK = 0x6e6f7466; // 'notf'

/** What every row of one event shares. */
export interface NotificationOrigin {
  /** The outbox id of the event notified: with the user, the row's key (a retried job inserts nothing). */
  eventId: string;
  organisationId: string | null;
  sphereId: string | null;
  subjectType: SubjectType;
  subjectId: string | null;
  /** Who did it: never notified of their own act. */
  actorId: string | null;
}

/**
 * Writes the notifications of one event for the recipients a statement selects (recipients.statements),
 * in one `INSERT … SELECT`, deduplicated on `(user, event)`; the member's settings decide the e-mail
 * and push channels (e-mail off or a failing address: in-app only; the sender skips a missing address). Then, in the same transaction,
 * one `notification.batch_written` (NotificationEvents.batchWritten: emits after the commit). The actor is
 * written only while their account exists: a chunk that waited while its post's author erased their account
 * names no one (the erasure cleared the rows written before).
 */
@Injectable()
export class NotificationWriter {
  constructor(private readonly events: DomainEvents) {}

  async write(
    manager: EntityManager,
    origin: NotificationOrigin,
    recipients: string,
    params: unknown[],
  ): Promise<number> {
    // its own statement, before the insert: the insert's snapshot must come after any erasure it waited for
    await manager.query(`SELECT pg_advisory_xact_lock_shared($1)`, [NOTIFICATION_WRITES_LOCK]);
    const rows: { user_id: string; kind: NotificationKind; email: string; push: string; created_at: Date }[] =
      await manager.query(
        `WITH recipients AS (${recipients})
         INSERT INTO notifications
           (user_id, event_id, kind, organisation_id, sphere_id, subject_type, subject_id, actor_id, email, push)
         SELECT r.user_id, $1, r.kind, $2, $3, $4, $5, (SELECT a.id FROM users a WHERE a.id = $6::uuid),
                CASE WHEN r.mode <> 'none' AND coalesce(ns.email_enabled, true) AND ns.email_failed_at IS NULL
                          AND u.email IS NOT NULL
                     THEN r.mode ELSE 'none' END,
                CASE WHEN r.mode = 'immediate'
                          AND EXISTS (SELECT 1 FROM push_subscriptions ps WHERE ps.user_id = r.user_id)
                     THEN 'pending' ELSE 'none' END
           FROM recipients r
           LEFT JOIN notification_settings ns ON ns.user_id = r.user_id
           LEFT JOIN users u ON u.id = r.user_id
          WHERE r.user_id IS DISTINCT FROM $6::uuid
         ON CONFLICT (user_id, event_id) DO NOTHING
         RETURNING user_id, kind, email, push, created_at`,
        [
          origin.eventId,
          origin.organisationId,
          origin.sphereId,
          origin.subjectType,
          origin.subjectId,
          origin.actorId,
          ...params,
        ],
      );
    if (rows.length === 0) return 0;
    const byKind = new Map<NotificationKind, string[]>();
    for (const row of rows) {
      const userIds = byKind.get(row.kind) ?? [];
      userIds.push(row.user_id);
      byKind.set(row.kind, userIds);
    }
    const createdAt = rows[0].created_at.toISOString();
    const emits = [...byKind].map(([kind, userIds]) => ({ userIds, payload: this.payload(origin, kind, createdAt) }));
    const written = {
      eventId: origin.eventId,
      userIds: rows.map((row) => row.user_id),
      emailNow: rows.filter((row) => row.email === 'immediate').length,
      pushNow: rows.filter((row) => row.push === 'pending').length,
    };
    await this.events.publish(manager, NotificationEvents.batchWritten(written, emits, origin.organisationId));
    return rows.length;
  }

  private payload(origin: NotificationOrigin, kind: NotificationKind, createdAt: string): NotificationPayload {
    return {
      id: origin.eventId,
      kind,
      sphereId: origin.sphereId,
      subject: { type: origin.subjectType, id: origin.subjectId },
      actorId: origin.actorId,
      createdAt,
    };
  }
}
