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
  /** A newer organisation charter, or a changed addendum of this sphere, awaits acceptance (no posting until then). */
  mustAcceptCharter?: boolean;
  /**
   * The organisation charter version this member accepted, in any of its spheres (null or absent: never,
   * or this sphere's addendum was never accepted: a first acceptance here).
   */
  charterVersionAccepted?: number | null;
}

/**
 * Everything the rules need to know about the caller, loaded once per request (one statement of
 * indexed lookups by the structure context) and then used for record checks and SQL list scoping alike.
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

/**
 * Loads the caller's profile. The access library owns this contract; the structure context, which
 * owns the tables, implements it (its SQL) and provides it as ACCESS_PROFILE_LOADER.
 */
export interface AccessProfileLoader {
  load(auth: AuthContext): Promise<AccessProfile>;
  /**
   * The user's row and profile in one round trip (null when the user is gone), for the routes that read
   * the profile anyway. The profile carries the same fields the PrincipalResolver gives (AuthContext).
   */
  loadCaller(userId: string): Promise<AccessProfile | null>;
  /** Whether the organisation exists (for those whose rules see every organisation: 404 all the same). */
  organisationExists(organisationId: string): Promise<boolean>;
}

export const ACCESS_PROFILE_LOADER = Symbol('ACCESS_PROFILE_LOADER');
