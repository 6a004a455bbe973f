import { organisationMember } from './principals';
import type { MatrixRow } from './matrix';
import type { Principal } from './principals';

const statuses = (insiders: number, exceptions: Partial<Record<Principal, number>>, outsider: number) =>
  ({
    anonymous: 401,
    outsider,
    visitor: insiders,
    member: insiders,
    animator: insiders,
    sphere_admin: insiders,
    manager_in_scope: insiders,
    manager_out_of_scope: insiders,
    org_owner: insiders,
    instance_admin: insiders,
    ...exceptions,
  }) as Record<Principal, number>;

/** Erasure routes (issue 15). DELETE /me is called with a wrong password: nobody of the world is erased. */
export const ERASURE_MATRIX: MatrixRow[] = [
  {
    route: 'DELETE /me',
    prepare: () => ({ path: '/me', body: { password: 'not the password of anyone here' } }),
    expected: statuses(403, {}, 403),
  },
  {
    route: 'DELETE /organisations/:orgId/members/:userId/data',
    prepare: async (w) => ({
      path: `/organisations/${w.organisationId}/members/${(await organisationMember(w)).id}/data`,
    }),
    expected: statuses(403, { org_owner: 204, instance_admin: 204 }, 404),
  },
];
