import { Injectable } from '@nestjs/common';
import { AbilityFactory, AccessProfile, AppAbility, AuthContext, HeldMembership, HeldOrgRole } from '@alveole/access';
import { FastQuery } from '@alveole/core';

export interface CallerAccess {
  profile: AccessProfile;
  ability: AppAbility;
}

/**
 * Loads the caller's organisation roles and memberships (three indexed lookups by user id) and
 * builds the ability, once per request: the result is cached on the request's AuthContext object.
 */
// organisation_members_user_idx, role_assignments_user_idx, memberships_user_idx; expired or revoked
// roles and memberships past their end date grant nothing
const PROFILE_SQL = `
  SELECT
    (SELECT coalesce(json_agg(organisation_id), '[]') FROM organisation_members WHERE user_id = $1) AS organisations,
    (SELECT coalesce(json_agg(json_build_object(
        'assignmentId', r.id, 'organisationId', r.organisation_id, 'role', r.role,
        'scopeSphereId', r.scope_sphere_id, 'scopePath', s.path)), '[]')
       FROM role_assignments r LEFT JOIN spheres s ON s.id = r.scope_sphere_id
      WHERE r.user_id = $1 AND r.revoked_at IS NULL AND (r.expires_at IS NULL OR r.expires_at > now())) AS roles,
    (SELECT coalesce(json_agg(json_build_object(
        'sphereId', m.sphere_id, 'organisationId', m.organisation_id, 'role', m.role, 'status', m.status,
        'mustAcceptCharter', o.charter_version > coalesce(m.charter_version_accepted, 0),
        'charterVersionAccepted', m.charter_version_accepted)), '[]')
       FROM memberships m JOIN organisations o ON o.id = m.organisation_id
      WHERE m.user_id = $1 AND (m.expires_at IS NULL OR m.expires_at > now())) AS memberships`;

@Injectable()
export class AccessProfiles {
  private readonly cache = new WeakMap<AuthContext, Promise<CallerAccess>>();

  constructor(
    private readonly db: FastQuery,
    private readonly abilities: AbilityFactory,
  ) {}

  of(auth: AuthContext): Promise<CallerAccess> {
    let access = this.cache.get(auth);
    if (!access) {
      access = this.load(auth).then((profile) => this.withLazyAbility(profile));
      this.cache.set(auth, access);
    }
    return access;
  }

  /** The ability is built on first use: routes such as /me only read the profile. */
  private withLazyAbility(profile: AccessProfile): CallerAccess {
    let ability: AppAbility | undefined;
    const abilities = this.abilities;
    return {
      profile,
      get ability() {
        return (ability ??= abilities.forProfile(profile));
      },
    };
  }

  /** Forget what was loaded for this caller (after a change to their own roles within the request). */
  forget(auth: AuthContext): void {
    this.cache.delete(auth);
  }

  /** One statement, one round trip: the three lookups as JSON arrays (each served by its user index). */
  private async load(auth: AuthContext): Promise<AccessProfile> {
    const [row] = await this.db.prepared<{
      organisations: string[];
      roles: HeldOrgRole[];
      memberships: HeldMembership[];
    }>('access-profile', PROFILE_SQL, [auth.userId]);
    return { ...auth, organisationIds: row.organisations, orgRoles: row.roles, memberships: row.memberships };
  }
}
