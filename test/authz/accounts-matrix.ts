import { putMember } from '../factories/structure';
import { userInput } from '../factories/users';
import type { MatrixRow } from './matrix';
import { organisationMember, Principal, PRINCIPALS, targetSphere } from './principals';

/** Public routes: every principal, signed in or not, gets the same answer. */
const everyone = (status: number): Record<Principal, number> =>
  Object.fromEntries(PRINCIPALS.map((p) => [p, status])) as Record<Principal, number>;

/** Password resets (issue 15): the codes that sphere animators give, and the links sent by e-mail. */
export const ACCOUNTS_MATRIX: MatrixRow[] = [
  {
    route: 'POST /spheres/:sphereId/members/:userId/reset-code',
    // a fresh member of a fresh target sphere: below every sphere role, so rank alone never refuses here
    prepare: async (w) => {
      const sphereId = await targetSphere(w);
      const target = await organisationMember(w);
      await putMember(w.t, w.users.org_owner, sphereId, target.id, 'member');
      return { path: `/spheres/${sphereId}/members/${target.id}/reset-code` };
    },
    expected: {
      anonymous: 401,
      outsider: 404,
      visitor: 403,
      member: 403,
      animator: 201,
      sphere_admin: 201,
      manager_in_scope: 201,
      // sees the public sphere as an organisation member, but it is outside the scope of their role
      manager_out_of_scope: 403,
      org_owner: 201,
      // not one of the organisation's people: accounts are for them to vouch for
      instance_admin: 403,
    },
  },
  {
    route: 'POST /auth/password-reset',
    prepare: () => ({
      path: '/auth/password-reset',
      body: { username: 'nobody.at.all', code: 'ABCDEFGHJK', newPassword: 'a-long-enough-password' },
    }),
    expected: everyone(400),
  },
  {
    route: 'POST /auth/password-reset/request',
    prepare: () => ({ path: '/auth/password-reset/request', body: { email: userInput().email } }),
    expected: everyone(202),
  },
  {
    route: 'POST /auth/password-reset/confirm',
    prepare: () => ({
      path: '/auth/password-reset/confirm',
      body: { token: 'x'.repeat(43), newPassword: 'a-long-enough-password' },
    }),
    expected: everyone(400),
  },
];
