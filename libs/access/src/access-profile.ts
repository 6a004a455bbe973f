import { AuthContext } from './auth-context';
import { MembershipStatus, OrgRole, SphereRole } from './roles';

/** An organisation role in force (never revoked, not expired); `scopePath` null = the whole organisation. */
export interface HeldOrgRole {
  assignmentId: string;
  organisationId: string;
  role: OrgRole;
  scopeSphereId: string | null;
  scopePath: string | null;
}

export interface HeldMembership {
  sphereId: string;
  organisationId: string;
  role: SphereRole;
  status: MembershipStatus;
  /** A newer organisation charter awaits this member's acceptance (posting is refused until then). */
  mustAcceptCharter?: boolean;
  /** The charter version this member accepted in this sphere (null or absent: never). */
  charterVersionAccepted?: number | null;
}

/**
 * Everything the rules need to know about the caller, loaded once per request (two indexed
 * queries by the structure context) and then used for record checks and SQL list scoping alike.
 */
export interface AccessProfile extends AuthContext {
  /** Organisations the user belongs to (organisation_members). */
  organisationIds: string[];
  orgRoles: HeldOrgRole[];
  memberships: HeldMembership[];
}

const NOWHERE = '00000000-0000-0000-0000-000000000000';

/**
 * The profile of "any authenticated user could hold any role somewhere": its ability answers the
 * route-level (type-level) question "can this caller do X to some Y?" without loading their roles.
 * The record-level answer, with the real profile, is the service's job.
 */
export function potentialProfile(auth: AuthContext): AccessProfile {
  return {
    ...auth,
    organisationIds: [],
    orgRoles: [
      { assignmentId: NOWHERE, organisationId: NOWHERE, role: 'org_owner', scopeSphereId: null, scopePath: null },
    ],
    memberships: [{ sphereId: NOWHERE, organisationId: NOWHERE, role: 'sphere_admin', status: 'active' }],
  };
}

/** The record shape the sphere rules look at. */
export interface SphereFacts {
  id: string;
  organisationId: string;
  path: string;
  visibility: 'public' | 'private' | 'secret';
  archived: boolean;
  /** `animators`: an announcement sphere, where only animators post (absent = members post). */
  postingPolicy?: 'members' | 'animators';
}

/** The record shape the post rules look at. */
export interface PostFacts {
  id: string;
  sphereId: string;
  authorId: string;
  status: 'published' | 'pending' | 'hidden' | 'removed';
  sphereArchived: boolean;
}

/** What a user may see of an organisation's spheres, as data that a repository turns into SQL. */
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
