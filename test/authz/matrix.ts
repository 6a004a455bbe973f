import { grantRole, registerUser } from '../factories/structure';
import { userInput } from '../factories/users';
import { organisationMember, Principal, targetSphere, World } from './principals';

export interface Case {
  path: string;
  body?: unknown;
}

export interface MatrixRow {
  /** The route as registered: `METHOD /path/:param` (without /api/v1). */
  route: string;
  prepare: (world: World) => Promise<Case>;
  expected: Record<Principal, number>;
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
    prepare: async () => ({ path: '/auth/register', body: userInput() }),
    expected: everyone(201),
  },
  {
    route: 'POST /auth/login',
    // a fresh e-mail per call: failed logins are counted per e-mail and IP
    prepare: async () => ({ path: '/auth/login', body: { email: userInput().email, password: 'wrong-password' } }),
    expected: everyone(401),
  },
  {
    route: 'POST /auth/refresh',
    prepare: async () => ({ path: '/auth/refresh', body: { refreshToken: 'x'.repeat(43) } }),
    expected: everyone(401),
  },
  {
    route: 'POST /auth/logout',
    prepare: async () => ({ path: '/auth/logout', body: { refreshToken: 'x'.repeat(43) } }),
    expected: everyone(204),
  },
  { route: 'GET /me', prepare: async () => ({ path: '/me' }), expected: expect(200, {}, 200) },
  { route: 'GET /health/live', prepare: async () => ({ path: '/health/live' }), expected: everyone(200) },
  { route: 'GET /health/ready', prepare: async () => ({ path: '/health/ready' }), expected: everyone(200) },
  { route: 'GET /metrics', prepare: async () => ({ path: '/metrics' }), expected: everyone(200) },
  {
    route: 'GET /admin/jobs',
    prepare: async () => ({ path: '/admin/jobs' }),
    expected: expect(403, { instance_admin: 200 }, 403),
  },

  // organisations
  { route: 'GET /organisations', prepare: async () => ({ path: '/organisations' }), expected: expect(200, {}, 200) },
  {
    route: 'POST /organisations',
    prepare: async () => ({
      path: '/organisations',
      body: { name: 'New', slug: `new-${Math.random().toString(36).slice(2, 10)}` },
    }),
    expected: expect(403, { instance_admin: 201 }, 403),
  },
  {
    route: 'GET /organisations/:orgId',
    prepare: async (w) => ({ path: `/organisations/${w.organisationId}` }),
    expected: expect(200),
  },
  {
    route: 'PATCH /organisations/:orgId',
    prepare: async (w) => ({ path: `/organisations/${w.organisationId}`, body: { name: 'Renamed' } }),
    expected: expect(403, { org_owner: 200, instance_admin: 200 }),
  },
  {
    route: 'POST /organisations/:orgId/roles',
    prepare: async (w) => {
      const target = await targetSphere(w);
      const user = await registerUser(w.t.http);
      return {
        path: `/organisations/${w.organisationId}/roles`,
        body: { userId: user.id, role: 'system_manager', scopeSphereId: target },
      };
    },
    expected: expect(403, orgManagers(201)),
  },
  {
    route: 'DELETE /organisations/:orgId/roles/:assignmentId',
    prepare: async (w) => {
      const target = await targetSphere(w);
      const user = await registerUser(w.t.http);
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
    prepare: async (w) => ({ path: `/organisations/${w.organisationId}/spheres` }),
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
];
