import { Injectable } from '@nestjs/common';
import { AuthContext } from '@alveole/access';
import { FastQuery } from '@alveole/core';
import { StructureAccess } from './structure-access';

export interface MyOrganisation {
  id: string;
  name: string;
  slug: string;
  roles: { assignmentId: string; role: string; scopeSphereId: string | null }[];
}

/** The caller, with the organisations they belong to and their spheres (API.md `GET /me`). */
@Injectable()
export class MeService {
  constructor(
    private readonly access: StructureAccess,
    private readonly db: FastQuery,
  ) {}

  async describe(auth: AuthContext) {
    const { profile } = await this.access.of(auth);
    const ids = [...new Set([...profile.organisationIds, ...profile.orgRoles.map((r) => r.organisationId)])];
    const organisations =
      ids.length === 0
        ? []
        : await this.db.rows<Omit<MyOrganisation, 'roles'>>(
            `SELECT id, name, slug FROM organisations WHERE id = ANY($1::uuid[]) ORDER BY name`,
            [ids],
          );
    return {
      id: auth.userId,
      email: auth.email,
      displayName: auth.displayName,
      instanceRole: auth.instanceRole,
      organisations: organisations.map((o) => ({
        ...o,
        roles: profile.orgRoles
          .filter((r) => r.organisationId === o.id)
          .map((r) => ({ assignmentId: r.assignmentId, role: r.role, scopeSphereId: r.scopeSphereId })),
      })),
      spheres: profile.memberships.map((m) => ({
        sphereId: m.sphereId,
        organisationId: m.organisationId,
        role: m.role,
        status: m.status,
        mustAcceptCharter: m.mustAcceptCharter ?? false,
      })),
    };
  }
}
