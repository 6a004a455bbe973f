/** Roles of DESIGN.md §2, highest first within each scope. */
export const ORG_ROLES = ['org_owner', 'system_manager'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const SPHERE_ROLES = ['sphere_admin', 'animator', 'member', 'visitor'] as const;
export type SphereRole = (typeof SPHERE_ROLES)[number];

export const MEMBERSHIP_STATUSES = ['active', 'invited', 'requested', 'muted', 'banned'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

const ORG_RANK: Record<OrgRole, number> = { org_owner: 2, system_manager: 1 };
const SPHERE_RANK: Record<SphereRole, number> = { sphere_admin: 4, animator: 3, member: 2, visitor: 1 };

/** A role implies every role below it at the same node. */
export function orgRoleAtLeast(held: OrgRole, wanted: OrgRole): boolean {
  return ORG_RANK[held] >= ORG_RANK[wanted];
}

export function sphereRoleAtLeast(held: SphereRole, wanted: SphereRole): boolean {
  return SPHERE_RANK[held] >= SPHERE_RANK[wanted];
}

/** Is `path` the sphere at `scopePath` or one of its descendants? (materialised paths end with '/') */
export function withinScope(path: string, scopePath: string | null): boolean {
  return scopePath === null || path.startsWith(scopePath);
}
