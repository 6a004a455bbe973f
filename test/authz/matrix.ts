import { as, createInvitation, grantRole, publishCharter } from '../factories/structure';
import { userInput } from '../factories/users';
import { ACCOUNTS_MATRIX } from './accounts-matrix';
import { CONTENT_MATRIX } from './content-matrix';
import { DOCUMENTS_MATRIX } from './documents-matrix';
import { ERASURE_MATRIX } from './erasure-matrix';
import { INSTANCE_MATRIX } from './instance-matrix';
import { MODERATION_MATRIX } from './moderation-matrix';
import { NOTIFICATIONS_MATRIX } from './notifications-matrix';
import { PRIVACY_MATRIX } from './privacy-matrix';
import { organisationMember, Principal, targetSphere, World } from './principals';
import { UPLOADS_MATRIX } from './uploads-matrix';

export interface Case {
  path: string;
  body?: unknown;
  /** A multipart upload instead of a JSON body. */
  file?: { field: string; bytes: Buffer; name: string; type: string };
  headers?: Record<string, string>;
}

export interface MatrixRow {
  /** The route as registered: `METHOD /path/:param` (without /api/v1). */
  route: string;
  prepare: (world: World) => Case | Promise<Case>;
  expected: Record<Principal, number>;
  /** Undo what a call changed about the principals themselves (e.g. an outsider who joined). */
  cleanup?: (world: World) => Promise<void>;
}

type Insiders =
  | 'visitor'
  | 'member'
  | 'animator'
  | 'sphere_admin'
  | 'manager_in_scope'
  | 'manager_out_of_scope'
  | 'org_owner'
  | 'instance_admin';

/** Expected statuses: one for the organisation's people, then the exceptions. */
function expect(
  insiders: number,
  exceptions: Partial<Record<Principal, number>> = {},
  outsider = 404,
): Record<Principal, number> {
  const base: Record<Insiders, number> = {
    visitor: insiders,
    member: insiders,
    animator: insiders,
    sphere_admin: insiders,
    manager_in_scope: insiders,
    manager_out_of_scope: insiders,
    org_owner: insiders,
    instance_admin: insiders,
  };
  return { anonymous: 401, outsider, ...base, ...exceptions };
}

const everyone = (status: number): Record<Principal, number> => ({ ...expect(status, {}, status), anonymous: status });
const sphereManagers = (ok: number) => ({ sphere_admin: ok, manager_in_scope: ok, org_owner: ok, instance_admin: ok });
const orgManagers = (ok: number) => ({ manager_in_scope: ok, org_owner: ok, instance_admin: ok });

const moderators = (ok: number) => ({
  animator: ok,
  sphere_admin: ok,
  manager_in_scope: ok,
  org_owner: ok,
  instance_admin: ok,
});
const onTarget =
  (suffix = '') =>
  async (world: World) => ({ path: `/spheres/${await targetSphere(world)}${suffix}` });

/**
 * Every HTTP route against every principal of DESIGN.md §3. The test fails when a registered
 * route has no row here: a new route must say who may call it.
 */
export const MATRIX: MatrixRow[] = [
  // identity and operations
  {
    route: 'POST /auth/register',
    prepare: () => ({ path: '/auth/register', body: userInput() }),
    expected: everyone(201),
  },
  {
    route: 'POST /auth/login',
    // a fresh e-mail per call: failed logins are counted per e-mail and IP
    prepare: () => ({ path: '/auth/login', body: { email: userInput().email, password: 'wrong-password' } }),
    expected: everyone(401),
  },
  {
    route: 'POST /auth/refresh',
    prepare: () => ({ path: '/auth/refresh', body: { refreshToken: 'x'.repeat(43) } }),
    expected: everyone(401),
  },
  {
    route: 'POST /auth/logout',
    prepare: () => ({ path: '/auth/logout', body: { refreshToken: 'x'.repeat(43) } }),
    expected: everyone(204),
  },
  { route: 'GET /me', prepare: () => ({ path: '/me' }), expected: expect(200, {}, 200) },
  { route: 'GET /me/profile', prepare: () => ({ path: '/me/profile' }), expected: expect(200, {}, 200) },
  { route: 'GET /me/privacy', prepare: () => ({ path: '/me/privacy' }), expected: expect(200, {}, 200) },
  {
    route: 'PATCH /me/profile',
    prepare: () => ({ path: '/me/profile', body: { locale: 'fr' } }),
    expected: expect(200, {}, 200),
  },
  { route: 'GET /health/live', prepare: () => ({ path: '/health/live' }), expected: everyone(200) },
  { route: 'GET /health/ready', prepare: () => ({ path: '/health/ready' }), expected: everyone(200) },
  // a bearer METRICS_TOKEN (not a user) opens it; without one the public port has none (hardening tests)
  { route: 'GET /metrics', prepare: () => ({ path: '/metrics' }), expected: everyone(404) },
  { route: 'GET /instance', prepare: () => ({ path: '/instance' }), expected: everyone(200) },
  {
    route: 'GET /admin/jobs',
    prepare: () => ({ path: '/admin/jobs' }),
    expected: expect(403, { instance_admin: 200 }, 403),
  },

  // organisations
  { route: 'GET /organisations', prepare: () => ({ path: '/organisations' }), expected: expect(200, {}, 200) },
  {
    route: 'POST /organisations',
    prepare: () => ({
      path: '/organisations',
      body: { name: 'New', slug: `new-${Math.random().toString(36).slice(2, 10)}` },
    }),
    expected: expect(403, { instance_admin: 201 }, 403),
  },
  {
    route: 'GET /organisations/:orgId',
    prepare: (w) => ({ path: `/organisations/${w.organisationId}` }),
    expected: expect(200),
  },
  {
    route: 'PATCH /organisations/:orgId',
    prepare: (w) => ({ path: `/organisations/${w.organisationId}`, body: { name: 'Renamed' } }),
    expected: expect(403, { org_owner: 200, instance_admin: 200 }),
  },
  {
    route: 'POST /organisations/:orgId/roles',
    prepare: async (w) => {
      const target = await targetSphere(w);
      const user = await organisationMember(w);
      return {
        path: `/organisations/${w.organisationId}/roles`,
        body: { userId: user.id, role: 'system_manager', scopeSphereId: target },
      };
    },
    expected: expect(403, orgManagers(201)),
  },
  // every insider may ask; each sees only the roles they may revoke (an empty list for most: roles test)
  {
    route: 'GET /organisations/:orgId/roles',
    prepare: (w) => ({ path: `/organisations/${w.organisationId}/roles` }),
    expected: expect(200),
  },
  {
    route: 'DELETE /organisations/:orgId/roles/:assignmentId',
    prepare: async (w) => {
      const target = await targetSphere(w);
      const user = await organisationMember(w);
      const grant = await grantRole(w.t, w.users.org_owner, w.organisationId, {
        userId: user.id,
        role: 'system_manager',
        scopeSphereId: target,
      });
      return { path: `/organisations/${w.organisationId}/roles/${grant.id}` };
    },
    expected: expect(403, orgManagers(204)),
  },
  {
    route: 'GET /organisations/:orgId/spheres',
    prepare: (w) => ({ path: `/organisations/${w.organisationId}/spheres` }),
    expected: expect(200),
  },
  {
    route: 'POST /organisations/:orgId/spheres',
    prepare: async (w) => ({
      path: `/organisations/${w.organisationId}/spheres`,
      body: { name: 'Child', parentId: await targetSphere(w), kind: 'thematic', visibility: 'public' },
    }),
    expected: expect(403, orgManagers(201)),
  },

  // spheres
  { route: 'GET /spheres/:sphereId', prepare: onTarget(), expected: expect(200) },
  {
    route: 'PATCH /spheres/:sphereId',
    prepare: async (w) => ({ path: `/spheres/${await targetSphere(w)}`, body: { description: 'changed' } }),
    expected: expect(403, sphereManagers(200)),
  },
  {
    route: 'POST /spheres/:sphereId/move',
    prepare: async (w) => ({ path: `/spheres/${await targetSphere(w)}/move`, body: { parentId: w.groupA2 } }),
    expected: expect(403, orgManagers(200)),
  },
  {
    route: 'POST /spheres/:sphereId/archive',
    prepare: onTarget('/archive'),
    expected: expect(403, sphereManagers(200)),
  },
  {
    route: 'GET /spheres/:sphereId/members',
    prepare: onTarget('/members'),
    expected: expect(200, { manager_out_of_scope: 403 }),
  },
  {
    route: 'PUT /spheres/:sphereId/members/:userId',
    prepare: async (w) => {
      const target = await targetSphere(w);
      const user = await organisationMember(w);
      return { path: `/spheres/${target}/members/${user.id}`, body: { role: 'member' } };
    },
    expected: expect(403, sphereManagers(201)),
  },
  {
    route: 'DELETE /spheres/:sphereId/members/:userId',
    prepare: async (w) => {
      const target = await targetSphere(w);
      const user = await organisationMember(w);
      await w.t.http
        .put(`/api/v1/spheres/${target}/members/${user.id}`)
        .set({ authorization: `Bearer ${w.users.org_owner.accessToken}` })
        .send({ role: 'member' });
      return { path: `/spheres/${target}/members/${user.id}` };
    },
    expected: expect(403, sphereManagers(204)),
  },
  {
    route: 'POST /spheres/:sphereId/join',
    prepare: onTarget('/join'),
    // the sphere-level principals are already in it; anyone else of the organisation joins a public sphere
    expected: expect(201, { visitor: 409, member: 409, animator: 409, sphere_admin: 409 }),
  },
  // invitations
  {
    route: 'POST /spheres/:sphereId/invitations',
    prepare: async (w) => ({ path: `/spheres/${await targetSphere(w)}/invitations`, body: { role: 'member' } }),
    expected: expect(403, sphereManagers(201)),
  },
  {
    route: 'GET /spheres/:sphereId/invitations',
    prepare: onTarget('/invitations'),
    expected: expect(403, sphereManagers(200)),
  },
  {
    route: 'DELETE /spheres/:sphereId/invitations/:invitationId',
    prepare: async (w) => {
      const target = await targetSphere(w);
      const invitation = await createInvitation(w.t, w.users.org_owner, target);
      return { path: `/spheres/${target}/invitations/${invitation.id}` };
    },
    expected: expect(403, sphereManagers(204)),
  },
  {
    route: 'POST /invitations/:code/accept',
    prepare: async (w) => {
      const invitation = await createInvitation(w.t, w.users.org_owner, await targetSphere(w), { role: 'visitor' });
      return { path: `/invitations/${invitation.code}/accept` };
    },
    // an invitation is how people enter: anyone signed in may accept; those already in get 409
    expected: expect(200, { visitor: 409, member: 409, animator: 409, sphere_admin: 409 }, 200),
    cleanup: async (w) => {
      // the outsider must stay outside for the rows that follow
      await w.t.db.query(`DELETE FROM memberships WHERE user_id = $1 AND organisation_id = $2`, [
        w.users.outsider.id,
        w.organisationId,
      ]);
      await w.t.db.query(`DELETE FROM organisation_members WHERE user_id = $1 AND organisation_id = $2`, [
        w.users.outsider.id,
        w.organisationId,
      ]);
    },
  },

  // sphere requests and the audit log
  {
    route: 'POST /organisations/:orgId/sphere-requests',
    prepare: async (w) => ({
      path: `/organisations/${w.organisationId}/sphere-requests`,
      body: { parentId: await targetSphere(w), name: 'Night patrols', reason: 'We already meet weekly' },
    }),
    expected: expect(201),
  },
  {
    route: 'GET /organisations/:orgId/sphere-requests',
    prepare: (w) => ({ path: `/organisations/${w.organisationId}/sphere-requests` }),
    expected: expect(403, { manager_in_scope: 200, manager_out_of_scope: 200, org_owner: 200, instance_admin: 200 }),
  },
  {
    route: 'POST /organisations/:orgId/sphere-requests/:requestId/approve',
    prepare: async (w) => ({ path: `${await sphereRequest(w)}/approve`, body: {} }),
    expected: expect(403, orgManagers(200)),
  },
  {
    route: 'POST /organisations/:orgId/sphere-requests/:requestId/reject',
    prepare: async (w) => ({
      path: `${await sphereRequest(w)}/reject`,
      body: { reason: 'Already covered by the regional sphere' },
    }),
    expected: expect(403, orgManagers(200)),
  },
  {
    route: 'GET /organisations/:orgId/audit-log',
    prepare: (w) => ({ path: `/organisations/${w.organisationId}/audit-log` }),
    expected: expect(403, { manager_in_scope: 200, manager_out_of_scope: 200, org_owner: 200, instance_admin: 200 }),
  },

  // join requests (on a private sphere where an organisation member asked to join)
  {
    route: 'GET /spheres/:sphereId/join-requests',
    prepare: onTarget('/join-requests'),
    expected: expect(403, moderators(200)),
  },
  {
    route: 'POST /spheres/:sphereId/join-requests/:userId/approve',
    prepare: async (w) => joinRequest(w, 'approve'),
    expected: expect(403, moderators(200)),
  },
  {
    route: 'POST /spheres/:sphereId/join-requests/:userId/reject',
    prepare: async (w) => joinRequest(w, 'reject'),
    expected: expect(403, moderators(204)),
  },

  // charters
  {
    route: 'PUT /organisations/:orgId/charter',
    prepare: (w) => ({
      path: `/organisations/${w.organisationId}/charter`,
      body: { articles: [{ title: 'Respect', text: 'Be kind.' }] },
    }),
    expected: expect(403, { org_owner: 200, instance_admin: 200 }),
  },
  {
    route: 'GET /organisations/:orgId/charter',
    prepare: async (w) => ({ path: `/organisations/${(await withCharter(w)).organisationId}/charter` }),
    expected: expect(200),
  },
  {
    route: 'GET /spheres/:sphereId/charter',
    prepare: async (w) => ({ path: `/spheres/${await targetSphere(await withCharter(w))}/charter` }),
    expected: expect(200),
  },
  {
    route: 'POST /spheres/:sphereId/charter/accept',
    prepare: async (w) => {
      const version = (await publishCharter(w.t, w.users.org_owner, w.organisationId)).version;
      return { path: `/spheres/${await targetSphere(w)}/charter/accept`, body: { version } };
    },
    // members accept it; those who run the organisation without being members have nothing to accept
    expected: expect(403, { visitor: 200, member: 200, animator: 200, sphere_admin: 200 }),
  },

  // posts, comments, reactions, feeds (content-matrix.ts)
  ...CONTENT_MATRIX,

  // reports and cases (moderation-matrix.ts)
  ...MODERATION_MATRIX,

  // in-app notifications, preferences and settings (notifications-matrix.ts)
  ...NOTIFICATIONS_MATRIX,

  // exports of my data (privacy-matrix.ts)
  ...PRIVACY_MATRIX,

  ...UPLOADS_MATRIX,
  ...DOCUMENTS_MATRIX,
  ...INSTANCE_MATRIX,
  ...ACCOUNTS_MATRIX,
  ...ERASURE_MATRIX,
];

/** A pending request, by an organisation member, for a sphere under a target sphere of region A. */
async function sphereRequest(w: World): Promise<string> {
  const requester = await organisationMember(w);
  const response = await w.t.http
    .post(`/api/v1/organisations/${w.organisationId}/sphere-requests`)
    .set(as(requester))
    .send({ parentId: await targetSphere(w), name: 'Street outreach', reason: 'Volunteers asked for it' });
  return `/organisations/${w.organisationId}/sphere-requests/${response.body.id}`;
}

/** A private target sphere where a fresh organisation member has asked to join. */
async function joinRequest(w: World, decision: 'approve' | 'reject'): Promise<Case> {
  const target = await targetSphere(w);
  await w.t.http.patch(`/api/v1/spheres/${target}`).set(as(w.users.org_owner)).send({ visibility: 'private' });
  const applicant = await organisationMember(w);
  await w.t.http.post(`/api/v1/spheres/${target}/join`).set(as(applicant));
  return { path: `/spheres/${target}/join-requests/${applicant.id}/${decision}` };
}

let charterPublished = false;
async function withCharter(w: World): Promise<World> {
  if (!charterPublished) await publishCharter(w.t, w.users.org_owner, w.organisationId);
  charterPublished = true;
  return w;
}
