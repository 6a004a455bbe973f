import { AccessProfile, SphereFacts } from './access-profile';
import { OrgRole, SphereRole, withinScope } from './roles';

/**
 * Who may hand which role to others (DESIGN.md §2, "Delegation"): nobody grants above their own
 * role or outside their scope; a system manager delegates `system_manager` only on a strictly
 * smaller subtree; expired or revoked assignments are not in the profile, so they grant nothing.
 */
export const Delegation = {
  canGrantOrgRole(profile: AccessProfile, organisationId: string, role: OrgRole, scopePath: string | null): boolean {
    if (profile.instanceRole === 'instance_admin') return true;
    return profile.orgRoles.some((held) => {
      if (held.organisationId !== organisationId) return false;
      // an owner: any organisation role, on their scope or inside it
      if (held.role === 'org_owner')
        return held.scopePath === null || (scopePath !== null && withinScope(scopePath, held.scopePath));
      // a system manager: only system_manager, only strictly inside their own scope
      return (
        role === 'system_manager' &&
        scopePath !== null &&
        scopePath !== held.scopePath &&
        withinScope(scopePath, held.scopePath)
      );
    });
  },

  canGrantSphereRole(profile: AccessProfile, sphere: SphereFacts, role: SphereRole): boolean {
    if (sphere.archived) return false;
    if (profile.instanceRole === 'instance_admin') return true;
    const managesScope = profile.orgRoles.some(
      (h) => h.organisationId === sphere.organisationId && withinScope(sphere.path, h.scopePath),
    );
    if (managesScope) return true;
    const own = profile.memberships.find((m) => m.sphereId === sphere.id && m.status === 'active');
    return own?.role === 'sphere_admin' && role !== 'sphere_admin';
  },

  /**
   * Adding someone who is not yet in the organisation without their consent (a sphere membership or an
   * organisation role) is for the instance's administrators only, who see every account anyway. Everyone
   * else brings people in through an invitation they accept (issue 9: consent across organisations).
   */
  canBringIntoOrganisation(profile: AccessProfile): boolean {
    return profile.instanceRole === 'instance_admin';
  },

  /**
   * A password reset code for a member without e-mail (issue 15): given by someone who runs the sphere
   * (its animators and admins, or an organisation role in scope), to an active member of it whose highest
   * role anywhere in the organisation ranks below the role the issuer acts with here. Never to an owner, a
   * system manager or an instance admin: their accounts are not for others to take over.
   */
  canIssueResetCode(issuer: AccessProfile, sphere: SphereFacts, target: AccessProfile): boolean {
    if (sphere.archived || target.instanceRole === 'instance_admin') return false;
    if (target.orgRoles.some((held) => held.organisationId === sphere.organisationId)) return false;
    if (!target.memberships.some((m) => m.sphereId === sphere.id && m.status === 'active')) return false;
    const issuerRank = rankAtSphere(issuer, sphere);
    return issuerRank >= RESET_CODE_ISSUER_RANK && highestRankIn(target, sphere.organisationId) < issuerRank;
  },
};

/** One ladder across scopes, to compare people: organisation roles above every sphere role. */
const RANK = { org_owner: 6, system_manager: 5, sphere_admin: 4, animator: 3, member: 2, visitor: 1 } as const;
const RESET_CODE_ISSUER_RANK = RANK.animator;

/** The highest role someone acts with at this sphere: an organisation role in scope, or their active membership. */
function rankAtSphere(profile: AccessProfile, sphere: SphereFacts): number {
  const ranks: number[] = profile.orgRoles
    .filter((held) => held.organisationId === sphere.organisationId && withinScope(sphere.path, held.scopePath))
    .map((held) => RANK[held.role]);
  const own = profile.memberships.find((m) => m.sphereId === sphere.id && m.status === 'active');
  if (own) ranks.push(RANK[own.role]);
  return Math.max(0, ...ranks);
}

/** The highest role someone holds anywhere in the organisation, whatever the membership's status. */
function highestRankIn(profile: AccessProfile, organisationId: string): number {
  return Math.max(
    0,
    ...profile.orgRoles.filter((held) => held.organisationId === organisationId).map((held) => RANK[held.role]),
    ...profile.memberships.filter((m) => m.organisationId === organisationId).map((m) => RANK[m.role]),
  );
}
