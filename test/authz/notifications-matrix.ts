import { signUnsubscribeToken } from '@alveole/notifications';
import type { MatrixRow } from './matrix';
import { contentTarget, Principal, PRINCIPALS } from './principals';

const signedIn = (status: number): Record<Principal, number> => ({
  ...(Object.fromEntries(PRINCIPALS.map((p) => [p, status])) as Record<Principal, number>),
  anonymous: 401,
});

/** Those who read the target sphere as members set what they hear of it; the rest see it, or not at all. */
const readers = (ok: number): Record<Principal, number> => ({
  ...signedIn(403),
  outsider: 404,
  visitor: ok,
  member: ok,
  animator: ok,
  sphere_admin: ok,
});

/** Public: the signed token is the credential, so every principal (a session or none) gets the same answer. */
const everyone = (status: number): Record<Principal, number> =>
  Object.fromEntries(PRINCIPALS.map((p) => [p, status])) as Record<Principal, number>;

/** A genuine unsubscribe link of the member for the target sphere (as an e-mail carries). */
const unsubscribePath = async (w: Parameters<MatrixRow['prepare']>[0]) =>
  `/unsubscribe/${signUnsubscribeToken(w.t.config.unsubscribeSecret, {
    userId: w.users.member.id,
    sphereId: await contentTarget(w),
  })}`;

/** Notifications: each signed-in person's own list and settings; preferences in the spheres one reads. */
export const NOTIFICATIONS_MATRIX: MatrixRow[] = [
  { route: 'GET /notifications', prepare: () => ({ path: '/notifications' }), expected: signedIn(200) },
  {
    route: 'GET /notifications/unread-count',
    prepare: () => ({ path: '/notifications/unread-count' }),
    expected: signedIn(200),
  },
  {
    route: 'POST /notifications/read',
    prepare: () => ({ path: '/notifications/read', body: { all: true } }),
    expected: signedIn(200),
  },
  {
    route: 'GET /spheres/:sphereId/notification-preference',
    prepare: async (w) => ({ path: `/spheres/${await contentTarget(w)}/notification-preference` }),
    expected: readers(200),
  },
  {
    route: 'PUT /spheres/:sphereId/notification-preference',
    prepare: async (w) => ({
      path: `/spheres/${await contentTarget(w)}/notification-preference`,
      body: { level: 'daily_digest' },
    }),
    expected: readers(200),
  },
  {
    route: 'PUT /spheres/:sphereId/notification-default',
    prepare: async (w) => ({
      path: `/spheres/${await contentTarget(w)}/notification-default`,
      body: { level: 'daily_digest' },
    }),
    // whoever may change the sphere: its admins, the managers in scope, the owner, the instance admin
    expected: {
      ...signedIn(403),
      outsider: 404,
      sphere_admin: 200,
      manager_in_scope: 200,
      org_owner: 200,
      instance_admin: 200,
    },
  },
  {
    route: 'GET /me/notification-settings',
    prepare: () => ({ path: '/me/notification-settings' }),
    expected: signedIn(200),
  },
  {
    route: 'PUT /me/notification-settings',
    prepare: () => ({ path: '/me/notification-settings', body: { dailyEmailCap: 5 } }),
    expected: signedIn(200),
  },
  {
    route: 'GET /push/vapid-public-key',
    prepare: () => ({ path: '/push/vapid-public-key' }),
    expected: { ...signedIn(200), anonymous: 200 },
  },
  {
    route: 'POST /me/push-subscriptions',
    prepare: () => ({
      path: '/me/push-subscriptions',
      // a fresh endpoint per call (each principal subscribes its own browser); never contacted here
      body: {
        endpoint: `https://push.example.org/${Math.random().toString(36).slice(2)}`,
        keys: { p256dh: `BA${'A'.repeat(85)}`, auth: 'A'.repeat(22) },
      },
    }),
    expected: signedIn(201),
  },
  {
    route: 'GET /me/push-subscriptions',
    prepare: () => ({ path: '/me/push-subscriptions' }),
    expected: signedIn(200),
  },
  {
    // no one's subscription: each principal only ever reaches their own (404 for anything else)
    route: 'DELETE /me/push-subscriptions/:id',
    prepare: () => ({ path: '/me/push-subscriptions/00000000-0000-7000-8000-000000000000' }),
    expected: signedIn(404),
  },
  {
    route: 'GET /unsubscribe/:token',
    prepare: async (w) => ({ path: await unsubscribePath(w) }),
    expected: everyone(200),
  },
  {
    route: 'POST /unsubscribe/:token',
    prepare: async (w) => ({ path: await unsubscribePath(w), body: {} }),
    expected: everyone(200),
    // the member hears the target sphere again as by default
    cleanup: async (w) => {
      await w.t.db.query(`DELETE FROM notification_preferences WHERE user_id = $1 AND sphere_id = $2`, [
        w.users.member.id,
        await contentTarget(w),
      ]);
    },
  },
];
