import { Injectable } from '@nestjs/common';
import { AuthContext, MembershipStatus, OrgRole, SphereRole } from '@alveole/access';
import { FastQuery } from '@alveole/core';
import { StructureAccess } from './structure-access';

export interface MyOrganisation {
  id: string;
  name: string;
  slug: string;
  roles: { assignmentId: string; role: OrgRole; scopeSphereId: string | null }[];
}

export interface MySphere {
  sphereId: string;
  name: string;
  organisationId: string;
  organisationName: string;
  role: SphereRole;
  status: MembershipStatus;
  mustAcceptCharter: boolean;
}

export interface Me {
  id: string;
  email: string | null;
  username: string | null;
  displayName: string;
  instanceRole: string | null;
  organisations: MyOrganisation[];
  spheres: MySphere[];
}

// organisations_pkey and spheres_pkey: the names of everything the access profile holds, in one round trip
const NAMES_SQL = `
  SELECT
    (SELECT coalesce(json_agg(json_build_object('id', id, 'name', name, 'slug', slug) ORDER BY name), '[]')
       FROM organisations WHERE id = ANY($1::uuid[])) AS organisations,
    (SELECT coalesce(json_object_agg(id, name), '{}') FROM spheres WHERE id = ANY($2::uuid[])) AS spheres`;

/** The caller, with their organisations and spheres by name, so a client draws its menu in one request. */
@Injectable()
export class MeService {
  constructor(
    private readonly access: StructureAccess,
    private readonly db: FastQuery,
  ) {}

  async describe(auth: AuthContext): Promise<Me> {
    const { profile } = await this.access.of(auth);
    const organisationIds = [
      ...new Set([
        ...profile.organisationIds,
        ...profile.orgRoles.map((r) => r.organisationId),
        ...profile.memberships.map((m) => m.organisationId),
      ]),
    ];
    const sphereIds = profile.memberships.map((m) => m.sphereId);
    const [names] =
      organisationIds.length === 0
        ? [{ organisations: [], spheres: {} }]
        : await this.db.prepared<{ organisations: Omit<MyOrganisation, 'roles'>[]; spheres: Record<string, string> }>(
            'me-names',
            NAMES_SQL,
            [organisationIds, sphereIds],
          );
    const organisationName = new Map(names.organisations.map((o) => [o.id, o.name]));
    return {
      id: auth.userId,
      email: auth.email,
      username: auth.username ?? null,
      displayName: auth.displayName,
      instanceRole: auth.instanceRole,
      organisations: names.organisations.map((o) => ({
        ...o,
        roles: profile.orgRoles
          .filter((r) => r.organisationId === o.id)
          .map((r) => ({ assignmentId: r.assignmentId, role: r.role, scopeSphereId: r.scopeSphereId })),
      })),
      spheres: profile.memberships.map((m) => ({
        sphereId: m.sphereId,
        name: names.spheres[m.sphereId] ?? '',
        organisationId: m.organisationId,
        organisationName: organisationName.get(m.organisationId) ?? '',
        role: m.role,
        status: m.status,
        mustAcceptCharter: m.mustAcceptCharter ?? false,
      })),
    };
  }
}
