import { Injectable } from '@nestjs/common';
import {
  AccessProfile,
  AccessProfileLoader,
  AuthContext,
  authContextOf,
  HeldMembership,
  HeldOrgRole,
} from '@alveole/access';
import { FastQuery } from '@alveole/core';
import { CALLER_SQL, PROFILE_SQL } from './access-profile.sql';

interface ProfileRow {
  organisations: string[];
  roles: HeldOrgRole[];
  memberships: HeldMembership[];
}

@Injectable()
export class AccessProfileSql implements AccessProfileLoader {
  constructor(private readonly db: FastQuery) {}

  async load(auth: AuthContext): Promise<AccessProfile> {
    const [row] = await this.db.prepared<ProfileRow>('access-profile', PROFILE_SQL, [auth.userId]);
    return asProfile(auth, row);
  }

  async loadCaller(userId: string): Promise<AccessProfile | null> {
    const [row] = await this.db.prepared<AuthContext & ProfileRow>('caller', CALLER_SQL, [userId]);
    return row ? asProfile(row, row) : null;
  }

  async organisationExists(organisationId: string): Promise<boolean> {
    const rows = await this.db.rows('SELECT 1 FROM organisations WHERE id = $1', [organisationId]);
    return rows.length > 0;
  }
}

/** Field by field (no spread of the row): the guard builds one per request. */
function asProfile(auth: AuthContext, row: ProfileRow): AccessProfile {
  return Object.assign(authContextOf(auth), {
    organisationIds: row.organisations,
    orgRoles: row.roles,
    memberships: row.memberships,
  });
}
