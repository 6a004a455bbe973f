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
      access = this.load(auth).then((profile) => ({ profile, ability: this.abilities.forProfile(profile) }));
      this.cache.set(auth, access);
    }
    return access;
  }

  /** Forget what was loaded for this caller (after a change to their own roles within the request). */
  forget(auth: AuthContext): void {
    this.cache.delete(auth);
  }

  private async load(auth: AuthContext): Promise<AccessProfile> {
    const [organisations, orgRoles, memberships] = await Promise.all([
      // organisation_members_user_idx
      this.db.rows<{ id: string }>(`SELECT organisation_id AS id FROM organisation_members WHERE user_id = $1`, [
        auth.userId,
      ]),
      // role_assignments_user_idx; expired or revoked assignments grant nothing
      this.db.rows<HeldOrgRole>(
        `SELECT r.id AS "assignmentId", r.organisation_id AS "organisationId", r.role,
                r.scope_sphere_id AS "scopeSphereId", s.path AS "scopePath"
           FROM role_assignments r LEFT JOIN spheres s ON s.id = r.scope_sphere_id
          WHERE r.user_id = $1 AND r.revoked_at IS NULL AND (r.expires_at IS NULL OR r.expires_at > now())`,
        [auth.userId],
      ),
      // memberships_user_idx; a membership past its end date no longer applies
      this.db.rows<HeldMembership>(
        `SELECT m.sphere_id AS "sphereId", m.organisation_id AS "organisationId", s.path, m.role, m.status
           FROM memberships m JOIN spheres s ON s.id = m.sphere_id
          WHERE m.user_id = $1 AND (m.expires_at IS NULL OR m.expires_at > now())`,
        [auth.userId],
      ),
    ]);
    return { ...auth, organisationIds: organisations.map((o) => o.id), orgRoles, memberships };
  }
}
