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
};
