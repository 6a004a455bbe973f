import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { newId } from '@alveole/core';
import { RoleAssignmentEntity } from './role-assignment.entity';

export type NewRoleAssignment = Pick<
  RoleAssignmentEntity,
  'organisationId' | 'userId' | 'role' | 'scopeSphereId' | 'expiresAt' | 'grantedBy'
>;

/** A role in force, with the names a manager's screen shows. */
export interface ActiveRole {
  id: string;
  userId: string;
  displayName: string;
  role: RoleAssignmentEntity['role'];
  scopeSphereId: string | null;
  scopeSphereName: string | null;
  scopePath: string | null;
  expiresAt: Date | null;
  createdAt: Date;
}

@Injectable()
export class RoleAssignmentsRepository {
  constructor(@InjectRepository(RoleAssignmentEntity) private readonly assignments: Repository<RoleAssignmentEntity>) {}

  async insert(assignment: NewRoleAssignment, manager: EntityManager): Promise<string> {
    const id = newId();
    await manager.getRepository(RoleAssignmentEntity).insert({ id, ...assignment });
    return id;
  }

  findActive(organisationId: string, id: string, manager?: EntityManager): Promise<RoleAssignmentEntity | null> {
    return (manager?.getRepository(RoleAssignmentEntity) ?? this.assignments)
      .createQueryBuilder('r')
      .where('r.id = :id AND r.organisation_id = :organisationId AND r.revoked_at IS NULL', { id, organisationId })
      .getOne();
  }

  async revoke(organisationId: string, id: string, revokedBy: string, manager: EntityManager): Promise<void> {
    await manager
      .getRepository(RoleAssignmentEntity)
      .update({ organisationId, id }, { revokedAt: () => 'now()', revokedBy });
  }

  /** Roles in force (not revoked, not expired) after `afterId`, oldest first (ids are UUIDv7). */
  listActive(organisationId: string, afterId: string | undefined, limit: number): Promise<ActiveRole[]> {
    // role_assignments_org_idx (organisation_id): one organisation's roles, then the primary keys joined
    return this.assignments.query(
      `SELECT r.id, r.user_id AS "userId", u.display_name AS "displayName", r.role,
              r.scope_sphere_id AS "scopeSphereId", s.name AS "scopeSphereName", s.path AS "scopePath",
              r.expires_at AS "expiresAt", r.created_at AS "createdAt"
         FROM role_assignments r
         JOIN users u ON u.id = r.user_id
         LEFT JOIN spheres s ON s.id = r.scope_sphere_id
        WHERE r.organisation_id = $1 AND r.revoked_at IS NULL AND (r.expires_at IS NULL OR r.expires_at > now())
          AND ($2::uuid IS NULL OR r.id > $2::uuid)
        ORDER BY r.id LIMIT $3`,
      [organisationId, afterId ?? null, limit],
    );
  }

  /** Owners of the whole organisation still in force, locked so two revocations cannot both pass the check. */
  async countWholeOrganisationOwners(organisationId: string, manager: EntityManager): Promise<number> {
    const rows = (await manager.query(
      `SELECT id FROM role_assignments
        WHERE organisation_id = $1 AND role = 'org_owner' AND scope_sphere_id IS NULL AND revoked_at IS NULL
          AND (expires_at IS NULL OR expires_at > now())
        FOR UPDATE`,
      [organisationId],
    )) as unknown[];
    return rows.length;
  }
}
