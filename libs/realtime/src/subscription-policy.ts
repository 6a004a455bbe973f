import type { AuthContext } from '@alveole/access';

/** Why a subscription was refused, as the ack's `error` (stable, like problem types). */
export type SubscriptionRefusal = 'not-found' | 'forbidden' | 'invalid-request';

export type SubscriptionDecision = { ok: true; rooms: string[] } | { ok: false; error: SubscriptionRefusal };

/**
 * Decides which rooms a socket may join for a sphere (the content context answers with the same
 * CASL ability as its routes). The gateway knows rooms, not rules.
 */
export interface SubscriptionPolicy {
  roomsFor(auth: AuthContext, sphereId: string): Promise<SubscriptionDecision>;
}

export const SUBSCRIPTION_POLICY = Symbol('SUBSCRIPTION_POLICY');
