import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { newId } from '@alveole/core';
import { RoleAssignmentEntity } from './role-assignment.entity';

export type NewRoleAssignment = Pick<
  RoleAssignmentEntity,
  'organisationId' | 'userId' | 'role' | 'scopeSphereId' | 'expiresAt' | 'grantedBy'
>;

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
