import { Inject, Injectable } from '@nestjs/common';
import { AuthContext } from '@alveole/access';
import { APP_CONFIG, AppConfig, AppException, FastQuery, newId } from '@alveole/core';
import { endpointProblem } from './endpoint-policy';

export interface PushSubscriptionView {
  id: string;
  device: string | null;
  createdAt: Date;
}

export interface NewPushSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  device?: string;
}

const VIEW = `id, device, created_at AS "createdAt"`;

/** Browsers per person: each post costs one push per browser, so a new one beyond this evicts the oldest. */
export const MAX_SUBSCRIPTIONS = 20;

/** A person's browsers that receive Web Push (one row per endpoint, which a browser owns). */
@Injectable()
export class PushSubscriptionsService {
  constructor(
    private readonly db: FastQuery,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  publicKey(): string {
    return this.config.vapid.publicKey;
  }

  /** Adds a browser; the same endpoint again replaces its keys and moves it to the caller (a shared device). */
  async subscribe(auth: AuthContext, input: NewPushSubscription): Promise<PushSubscriptionView> {
    const problem = endpointProblem(input.endpoint, this.config.pushAllowLoopback);
    if (problem) throw AppException.validation([{ field: 'endpoint', message: problem }]);
    // an uncompressed P-256 point starts with 0x04
    if (Buffer.from(input.keys.p256dh, 'base64url')[0] !== 4)
      throw AppException.validation([{ field: 'keys.p256dh', message: 'keys.p256dh must be a P-256 public key' }]);
    const [row] = await this.db.rows<PushSubscriptionView>(
      `INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, device) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (endpoint) DO UPDATE SET user_id = excluded.user_id, p256dh = excluded.p256dh,
         auth = excluded.auth, device = excluded.device
       RETURNING ${VIEW}`,
      [newId(), auth.userId, input.endpoint, input.keys.p256dh, input.keys.auth, input.device ?? null],
    );
    await this.db.rows(
      `DELETE FROM push_subscriptions WHERE user_id = $1 AND id <> $2 AND id NOT IN (
         SELECT id FROM push_subscriptions WHERE user_id = $1 AND id <> $2 ORDER BY created_at DESC, id DESC LIMIT $3)`,
      [auth.userId, row.id, MAX_SUBSCRIPTIONS - 1],
    );
    return row;
  }

  list(auth: AuthContext): Promise<PushSubscriptionView[]> {
    return this.db.rows<PushSubscriptionView>(
      `SELECT ${VIEW} FROM push_subscriptions WHERE user_id = $1 ORDER BY created_at, id`,
      [auth.userId],
    );
  }

  /** Someone else's subscription is answered as absent (404), never as forbidden. */
  async remove(auth: AuthContext, id: string): Promise<void> {
    const gone = await this.db.rows(`DELETE FROM push_subscriptions WHERE id = $1 AND user_id = $2 RETURNING id`, [
      id,
      auth.userId,
    ]);
    if (gone.length === 0) throw AppException.notFound('Push subscription');
  }
}
