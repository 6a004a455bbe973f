import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthContext, Delegation, OrgRole } from '@alveole/access';
import { AuditWriter } from '@alveole/audit';
import { AppException, DomainEvents, idPage, Page } from '@alveole/core';
import { UserDirectory } from '@alveole/identity';
import { OrganisationsRepository } from './organisations.repository';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { ActiveRole, RoleAssignmentsRepository } from './role-assignments.repository';
import { SpheresRepository } from './spheres.repository';
import { StructureAccess } from './structure-access';
import { StructureErrors } from './structure.errors';
import { StructureEvents } from './structure.events';

export interface RoleGrant {
  userId: string;
  role: OrgRole;
  scopeSphereId?: string;
  expiresAt?: Date;
}

/** Organisation roles (`org_owner`, `system_manager`), optionally scoped to a subtree and time-limited. */
@Injectable()
export class RolesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assignments: RoleAssignmentsRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly spheres: SpheresRepository,
    private readonly users: UserDirectory,
    private readonly access: StructureAccess,
    private readonly audit: AuditWriter,
    private readonly events: DomainEvents,
  ) {}

  async grant(auth: AuthContext, organisationId: string, grant: RoleGrant): Promise<RoleAssignmentEntity> {
    const access = await this.access.of(auth);
    const { profile } = access;
    this.access.organisation(access, await this.organisations.findById(organisationId));
    const scope = grant.scopeSphereId ? await this.spheres.findById(grant.scopeSphereId) : null;
    if (grant.scopeSphereId && (!scope || scope.organisationId !== organisationId))
      throw AppException.notFound('Scope sphere');
    if (!Delegation.canGrantOrgRole(profile, organisationId, grant.role, scope?.path ?? null))
      throw StructureErrors.grantNotAllowed();
    if (grant.expiresAt && grant.expiresAt.getTime() <= Date.now())
      throw AppException.validation([{ field: 'expiresAt', message: 'must be in the future' }]);
    // consent: roles go to people of the organisation (who came in through an invitation), instance admins excepted
    const reachable =
      (await this.organisations.isMember(organisationId, grant.userId)) ||
      (Delegation.canBringIntoOrganisation(profile) && (await this.users.exists(grant.userId)));
    if (!reachable) throw StructureErrors.granteeNotInOrganisation();

    return this.dataSource.transaction(async (manager) => {
      const assignment = {
        organisationId,
        userId: grant.userId,
        role: grant.role,
        scopeSphereId: scope?.id ?? null,
        expiresAt: grant.expiresAt ?? null,
        grantedBy: auth.userId,
      };
      const id = await this.assignments.insert(assignment, manager);
      await this.organisations.addMember(organisationId, grant.userId, manager);
      await this.audit.record(manager, {
        organisationId,
        actorId: auth.userId,
        action: 'role.granted',
        targetType: 'role_assignment',
        targetId: id,
        spherePath: scope?.path ?? null,
        after: assignment,
      });
      const change = {
        assignmentId: id,
        userId: grant.userId,
        role: grant.role,
        scopeSphereId: assignment.scopeSphereId,
        expiresAt: grant.expiresAt?.toISOString() ?? null,
        actorId: auth.userId,
      };
      await this.events.publish(manager, StructureEvents.roleGranted(organisationId, change));
      if (grant.expiresAt)
        await this.events.publish(manager, StructureEvents.roleExpiryDue(organisationId, id, grant.expiresAt));
      return (await this.assignments.findActive(organisationId, id, manager))!;
    });
  }

  /**
   * The roles in force that I may revoke (the delegation rules: an owner's within their scope, a system
   * manager's system managers strictly inside theirs); anyone else of the organisation gets an empty list.
   */
  async list(auth: AuthContext, organisationId: string, afterId: string | undefined, limit: number) {
    const access = await this.access.of(auth);
    this.access.organisation(access, await this.organisations.findById(organisationId));
    const mine: ActiveRole[] = [];
    let after = afterId;
    // filtered by the same Delegation rules as revoke, batch after batch until a page is full
    for (let batch = 0; batch < 50 && mine.length <= limit; batch++) {
      const rows = await this.assignments.listActive(organisationId, after, 200);
      mine.push(
        ...rows.filter((row) => Delegation.canGrantOrgRole(access.profile, organisationId, row.role, row.scopePath)),
      );
      if (rows.length < 200) break;
      after = rows[rows.length - 1].id;
    }
    return idPage(mine, limit) as Page<ActiveRole>;
  }

  async revoke(auth: AuthContext, organisationId: string, assignmentId: string): Promise<void> {
    const access = await this.access.of(auth);
    const { profile } = access;
    this.access.organisation(access, await this.organisations.findById(organisationId));
    await this.dataSource.transaction(async (manager) => {
      const assignment = await this.assignments.findActive(organisationId, assignmentId, manager);
      if (!assignment) throw AppException.notFound('Role assignment');
      const scope = assignment.scopeSphereId ? await this.spheres.findById(assignment.scopeSphereId, manager) : null;
      if (!Delegation.canGrantOrgRole(profile, organisationId, assignment.role, scope?.path ?? null))
        throw StructureErrors.grantNotAllowed();
      if (
        assignment.role === 'org_owner' &&
        !assignment.scopeSphereId &&
        (await this.assignments.countWholeOrganisationOwners(organisationId, manager)) <= 1
      ) {
        throw StructureErrors.lastOwner();
      }
      await this.assignments.revoke(organisationId, assignmentId, auth.userId, manager);
      await this.audit.record(manager, {
        organisationId,
        actorId: auth.userId,
        action: 'role.revoked',
        targetType: 'role_assignment',
        targetId: assignmentId,
        spherePath: scope?.path ?? null,
        before: { userId: assignment.userId, role: assignment.role, scopeSphereId: assignment.scopeSphereId },
      });
      await this.events.publish(
        manager,
        StructureEvents.roleRevoked(organisationId, {
          assignmentId,
          userId: assignment.userId,
          role: assignment.role,
          scopeSphereId: assignment.scopeSphereId,
          expiresAt: assignment.expiresAt?.toISOString() ?? null,
          actorId: auth.userId,
        }),
      );
    });
  }
}
