import { as } from '../factories/structure';
import type { Case, MatrixRow } from './matrix';
import { contentTarget, Principal, PRINCIPALS, World } from './principals';

/** A fresh published post in the target sphere, by its member. */
async function freshPost(w: World): Promise<{ sphereId: string; postId: string }> {
  const sphereId = await contentTarget(w);
  const response = await w.t.http
    .post(`/api/v1/spheres/${sphereId}/posts`)
    .set(as(w.users.member))
    .send({ body: `Matrix post ${Math.random().toString(36).slice(2)}` });
  if (response.status !== 201) throw new Error(`post: ${response.status} ${JSON.stringify(response.body)}`);
  return { sphereId, postId: response.body.id };
}

/** A case on a fresh post, opened by the target sphere's visitor's report. */
async function freshCase(w: World): Promise<Case> {
  const { postId } = await freshPost(w);
  const report = await w.t.http
    .post('/api/v1/reports')
    .set(as(w.users.visitor))
    .send({ targetType: 'post', targetId: postId, reason: 'spam' });
  if (report.status !== 201) throw new Error(`report: ${report.status} ${JSON.stringify(report.body)}`);
  return { path: `/moderation/cases/${report.body.caseId}` };
}

const onCase =
  (suffix: string, body?: unknown) =>
  async (w: World): Promise<Case> => ({ path: `${(await freshCase(w)).path}${suffix}`, body });

/** Everyone of the organisation sees the sphere; its moderators (and managers in scope) act on it. */
function onSphere(ok: number, actors: Principal[]): Record<Principal, number> {
  const expected: Record<Principal, number> = {
    anonymous: 401,
    outsider: 404,
    visitor: 403,
    member: 403,
    animator: 403,
    sphere_admin: 403,
    manager_in_scope: 403,
    manager_out_of_scope: 403,
    org_owner: 403,
    instance_admin: 403,
  };
  for (const actor of actors) expected[actor] = ok;
  return expected;
}

/** The sphere's active animators and its admin; the rest of the organisation, and everyone else, not. */
function moderatorsOnly(others: number, readers: number): Record<Principal, number> {
  return {
    anonymous: 401,
    outsider: 404,
    visitor: readers,
    member: readers,
    animator: 200,
    sphere_admin: 200,
    manager_in_scope: others,
    manager_out_of_scope: others,
    org_owner: others,
    instance_admin: others,
  };
}

export const MODERATION_MATRIX: MatrixRow[] = [
  {
    route: 'POST /reports',
    prepare: async (w) => ({
      path: '/reports',
      body: { targetType: 'post', targetId: (await freshPost(w)).postId, reason: 'off_charter' },
    }),
    // whoever reads the post reports it; to everyone else it does not exist
    expected: {
      anonymous: 401,
      outsider: 404,
      visitor: 201,
      member: 201,
      animator: 201,
      sphere_admin: 201,
      manager_in_scope: 404,
      manager_out_of_scope: 404,
      org_owner: 404,
      instance_admin: 404,
    },
  },
  {
    route: 'GET /spheres/:sphereId/moderation/cases',
    prepare: async (w) => ({ path: `/spheres/${await contentTarget(w)}/moderation/cases` }),
    // those who see the sphere without moderating it are told no; escalated cases come with their own route
    expected: moderatorsOnly(403, 403),
  },
  {
    route: 'GET /moderation/cases/:caseId',
    prepare: freshCase,
    // a case is its moderators' business: to anyone else it does not exist
    expected: moderatorsOnly(404, 404),
  },
  {
    route: 'POST /moderation/cases/:caseId/claim',
    prepare: onCase('/claim'),
    // an open case is its sphere's moderators' to claim; system managers only once it goes up
    expected: moderatorsOnly(404, 404),
  },
  {
    route: 'DELETE /moderation/cases/:caseId/claim',
    prepare: onCase('/claim'),
    expected: { ...moderatorsOnly(404, 404), animator: 204, sphere_admin: 204 },
  },
  {
    route: 'POST /moderation/cases/:caseId/decisions',
    prepare: onCase('/decisions', { action: 'dismiss', reason: 'Within the charter' }),
    // past the rules, a moderator is told to claim the case first
    expected: { ...moderatorsOnly(404, 404), animator: 409, sphere_admin: 409 },
  },
  {
    route: 'POST /moderation/cases/:caseId/escalation',
    prepare: onCase('/escalation', { reason: 'The author is a regional officer' }),
    expected: moderatorsOnly(404, 404),
  },
  {
    route: 'GET /spheres/:sphereId/moderation/settings',
    prepare: async (w) => ({ path: `/spheres/${await contentTarget(w)}/moderation/settings` }),
    expected: onSphere(200, ['animator', 'sphere_admin', 'manager_in_scope', 'org_owner', 'instance_admin']),
  },
  {
    route: 'PUT /spheres/:sphereId/moderation/settings',
    prepare: async (w) => ({
      path: `/spheres/${await contentTarget(w)}/moderation/settings`,
      body: { hideThreshold: 4, deadlineHours: 24 },
    }),
    expected: onSphere(200, ['sphere_admin', 'manager_in_scope', 'org_owner', 'instance_admin']),
  },
  {
    route: 'GET /me/moderation/outcomes',
    prepare: () => ({ path: '/me/moderation/outcomes' }),
    expected: { ...onSphere(200, []), ...Object.fromEntries(PRINCIPALS.map((p) => [p, 200])), anonymous: 401 },
  },
  {
    route: 'GET /organisations/:orgId/moderation/cases',
    prepare: (w) => ({ path: `/organisations/${w.organisationId}/moderation/cases` }),
    // escalated cases are the managers' (each in their scope, an empty page out of it); the rest of the
    // organisation is told no, including the instance admin, who moderates only as a sphere's animator
    expected: {
      anonymous: 401,
      outsider: 404,
      visitor: 403,
      member: 403,
      animator: 403,
      sphere_admin: 403,
      manager_in_scope: 200,
      manager_out_of_scope: 200,
      org_owner: 200,
      instance_admin: 403,
    },
  },
];
