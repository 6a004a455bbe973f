import { AccessProfile } from './access-profile';
import { membershipSets } from './access-rules';

/**
 * The list rules as data that repositories turn into hand-tuned SQL (sphere listings, feeds,
 * search). They say what the CASL rules say, for whole lists at once; `read-scopes.property.spec.ts`
 * generates random trees and profiles and checks that the SQL and the ability agree, both ways.
 */

/** The organisations a user sees (belongs to, or holds a role in); null: every one (instance admins). */
export function organisationReadScope(profile: AccessProfile): string[] | null {
  if (profile.instanceRole === 'instance_admin') return null;
  return [...new Set([...profile.organisationIds, ...profile.orgRoles.map((r) => r.organisationId)])];
}

/** What a user may see of an organisation's spheres: the `read` rule on spheres. */
export interface SphereReadScope {
  /** Every sphere of the organisation (an unscoped org role, or the instance admin). */
  all: boolean;
  /** Public and private spheres (the user belongs to the organisation). */
  listed: boolean;
  /** Subtrees the user manages (scoped org roles). */
  pathPrefixes: string[];
  /** Spheres the user has a membership in (any status but banned). */
  sphereIds: string[];
}

export function sphereReadScope(profile: AccessProfile, organisationId: string): SphereReadScope {
  const roles = profile.orgRoles.filter((h) => h.organisationId === organisationId);
  return {
    all: profile.instanceRole === 'instance_admin' || roles.some((h) => h.scopePath === null),
    listed: profile.organisationIds.includes(organisationId),
    pathPrefixes: roles.flatMap((h) => (h.scopePath ? [h.scopePath] : [])),
    sphereIds: profile.memberships
      .filter((m) => m.organisationId === organisationId && m.status !== 'banned')
      .map((m) => m.sphereId),
  };
}

/** What a reader may read across spheres: the `read` rule on posts. */
export interface ContentScope {
  /** Spheres whose content the reader reads (active or muted memberships): the `read_content` rule. */
  readable: string[];
  /** Spheres the reader moderates (active animators and sphere admins): they also see pending posts. */
  moderated: string[];
}

export function contentScope(profile: AccessProfile): ContentScope {
  const sets = membershipSets(profile);
  return { readable: sets.reading, moderated: sets.moderating };
}
