import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ErasureParticipant, ErasureScope } from '@alveole/identity';
import { NOTIFICATION_WRITES_LOCK } from './notification-writer';

/**
 * The notifications context's part of an erasure: my notifications, and for the whole account my push
 * subscriptions, sphere preferences, settings and e-mail log; others' notifications about something I
 * did keep the event without me (actor gone, as the list already shows). Notifications have no foreign key to
 * users: this erasure is what removes them, under the lock that notification writes share.
 */
@Injectable()
export class NotificationsErasure implements ErasureParticipant {
  async erase(manager: EntityManager, userId: string, scope: ErasureScope): Promise<void> {
    const org = scope.organisationId ?? null;
    const params = [userId, org];
    // waits for the notification writes under way (a fan-out that still counted me), so their rows go too
    await manager.query(`SELECT pg_advisory_xact_lock($1)`, [NOTIFICATION_WRITES_LOCK]);
    await manager.query(
      `DELETE FROM notifications WHERE user_id = $1 AND ($2::uuid IS NULL OR organisation_id = $2)`,
      params,
    );
    await manager.query(
      `UPDATE notifications SET actor_id = NULL WHERE actor_id = $1 AND ($2::uuid IS NULL OR organisation_id = $2)`,
      params,
    );
    await manager.query(
      `UPDATE notifications SET subject_id = NULL WHERE subject_id = $1 AND ($2::uuid IS NULL OR organisation_id = $2)`,
      params,
    );
    await manager.query(
      `DELETE FROM notification_preferences np USING spheres s
        WHERE s.id = np.sphere_id AND np.user_id = $1 AND ($2::uuid IS NULL OR s.organisation_id = $2)`,
      params,
    );
    if (org) return;
    for (const table of ['push_subscriptions', 'notification_settings', 'notification_emails'])
      await manager.query(`DELETE FROM ${table} WHERE user_id = $1`, [userId]);
  }
}
