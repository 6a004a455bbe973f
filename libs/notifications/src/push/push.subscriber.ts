import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  APP_CONFIG,
  AppConfig,
  DomainEventSubscriber,
  OnDomainEvent,
  StoredEvent,
  SubscriberContext,
} from '@alveole/core';
import type { NotificationKind } from '../notification-kinds';
import { pushMessage } from './push-message';
import { deliver } from './push-delivery';

interface Claimed {
  user_id: string;
  kind: NotificationKind;
  sphere_id: string | null;
  sphere_name: string | null;
  locale: string | null;
  quiet: boolean;
}

interface Target {
  id: string;
  user_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

/**
 * Claims the rows of the batch still waiting for push, in the subscriber's transaction: a row leaves
 * `pending` once, so a retried job never pushes what was recorded as pushed. During the recipient's quiet
 * hours (local time in their zone, possibly across midnight) the item is not pushed later either: it is
 * marked `none` (it stays in the app's list and e-mail), since a stale push at 07:00 helps nobody.
 */
const CLAIM = `
  WITH quiet AS (
    SELECT ns.user_id,
           CASE WHEN ns.quiet_start IS NULL THEN false
                WHEN ns.quiet_start <= ns.quiet_end
                  THEN (now() AT TIME ZONE ns.time_zone)::time >= ns.quiet_start
                   AND (now() AT TIME ZONE ns.time_zone)::time < ns.quiet_end
                ELSE (now() AT TIME ZONE ns.time_zone)::time >= ns.quiet_start
                  OR (now() AT TIME ZONE ns.time_zone)::time < ns.quiet_end END AS quiet
      FROM notification_settings ns WHERE ns.user_id = ANY($2::uuid[])
  ), claimed AS (
    UPDATE notifications n
       SET push = CASE WHEN coalesce(q.quiet, false) THEN 'none' ELSE 'sent' END
      FROM (SELECT unnest($2::uuid[]) AS user_id) r LEFT JOIN quiet q ON q.user_id = r.user_id
     WHERE n.event_id = $1 AND n.user_id = r.user_id AND n.push = 'pending'
    RETURNING n.user_id, n.kind, n.sphere_id, coalesce(q.quiet, false) AS quiet
  )
  SELECT c.user_id, c.kind, c.sphere_id, c.quiet,
         CASE WHEN s.visibility <> 'secret' THEN s.name END AS sphere_name,
         coalesce(u.locale, (SELECT default_locale FROM brands WHERE is_default)) AS locale
    FROM claimed c
    JOIN users u ON u.id = c.user_id
    LEFT JOIN spheres s ON s.id = c.sphere_id`;

/**
 * Web Push of what the writer marked `pending` (an immediate item for someone with a subscription):
 * `{ title, url }` only, to each of the recipient's browsers. A push service answering 404/410 says the
 * subscription is gone: it is deleted. Other failures are logged (status and host only) and not retried:
 * the item is in the app's list anyway. No daily cap applies to push.
 */
@Injectable()
@OnDomainEvent('notification.batch_written', 'notifications.push')
export class SendPush implements DomainEventSubscriber<'notification.batch_written'> {
  private readonly logger = new Logger(SendPush.name);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async handle(event: StoredEvent<'notification.batch_written'>, { manager }: SubscriberContext): Promise<void> {
    const { eventId, userIds, pushNow } = event.payload;
    if (pushNow === 0) return;
    const claimed: Claimed[] = await manager.query(CLAIM, [eventId, userIds]);
    const due = claimed.filter((row) => !row.quiet);
    if (due.length === 0) return;
    const targets: Target[] = await manager.query(
      `SELECT id, user_id, endpoint, p256dh, auth FROM push_subscriptions WHERE user_id = ANY($1::uuid[])`,
      [due.map((row) => row.user_id)],
    );
    const byUser = new Map(due.map((row) => [row.user_id, row]));
    const outcomes = await inParallel(targets, PARALLEL_SENDS, async (target) => {
      const item = byUser.get(target.user_id)!;
      const message = pushMessage({
        kind: item.kind,
        sphereId: item.sphere_id,
        sphereName: item.sphere_name,
        locale: item.locale,
      });
      return { target, status: await this.send(target, JSON.stringify(message)) };
    });
    const gone = outcomes.filter((o) => o.status === 404 || o.status === 410).map((o) => o.target.id);
    const sent = outcomes.filter((o) => o.status >= 200 && o.status < 300).map((o) => o.target.id);
    if (gone.length > 0) await manager.query(`DELETE FROM push_subscriptions WHERE id = ANY($1::uuid[])`, [gone]);
    if (sent.length > 0)
      await manager.query(`UPDATE push_subscriptions SET last_sent_at = now() WHERE id = ANY($1::uuid[])`, [sent]);
  }

  /** The push service's status, or 0 when it could not be reached (logged, not retried). */
  private async send(target: Target, payload: string): Promise<number> {
    const host = hostOf(target.endpoint);
    try {
      const status = await deliver(
        { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
        payload,
        this.config.vapid,
        this.config.pushAllowLoopback,
      );
      if (status >= 300 && status !== 404 && status !== 410)
        this.logger.warn(`push to ${host} answered ${status} (subscription ${target.id})`);
      return status;
    } catch (error) {
      this.logger.warn(`push to ${host} failed: ${(error as Error).message} (subscription ${target.id})`);
      return 0;
    }
  }
}

/** Requests in flight at once for one batch (a chunk of 1,000 members may have several browsers each). */
const PARALLEL_SENDS = 16;

async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** The endpoint's host only: its path is a capability (whoever has it can push to the browser). */
function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return 'an invalid endpoint';
  }
}
