import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthContext, organisationReadScope, organisationSubject } from '@alveole/access';
import { AuditWriter } from '@alveole/audit';
import { AppException, decodeCursor, DomainEvents, keysetPage, newId, Page } from '@alveole/core';
import { UserDirectory } from '@alveole/identity';
import { MembershipPolicy, OrganisationEntity, SphereCreation } from './organisation.entity';
import { OrganisationsRepository } from './organisations.repository';
import { RoleAssignmentsRepository } from './role-assignments.repository';
import { StructureAccess } from './structure-access';
import { StructureErrors } from './structure.errors';
import { StructureEvents } from './structure.events';

export interface NewOrganisation {
  name: string;
  slug: string;
  sphereCreation?: SphereCreation;
  membershipPolicy?: MembershipPolicy;
  ownerId?: string;
}

export type OrganisationChanges = Partial<
  Pick<OrganisationEntity, 'name' | 'sphereCreation' | 'membershipPolicy' | 'contentOnErasure'>
>;

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsRepository,
    private readonly roles: RoleAssignmentsRepository,
    private readonly users: UserDirectory,
    private readonly access: StructureAccess,
    private readonly audit: AuditWriter,
    private readonly events: DomainEvents,
  ) {}

  /** Instance admins create organisations; the owner (default: the creator) becomes `org_owner`. */
  async create(auth: AuthContext, input: NewOrganisation): Promise<OrganisationEntity> {
    const ownerId = input.ownerId ?? auth.userId;
    if (!(await this.users.exists(ownerId))) {
      throw AppException.validation([{ field: 'ownerId', message: 'no user has this id' }]);
    }
    const organisation = await this.dataSource.transaction(async (manager) => {
      const id = newId();
      const row = {
        id,
        name: input.name.trim(),
        slug: input.slug,
        sphereCreation: input.sphereCreation ?? 'managers',
        membershipPolicy: input.membershipPolicy ?? 'invitation',
        createdBy: auth.userId,
      };
      if (!(await this.organisations.insert(row, manager))) throw StructureErrors.slugTaken();
      await this.organisations.addMember(id, ownerId, manager);
      const assignmentId = await this.roles.insert(
        {
          organisationId: id,
          userId: ownerId,
          role: 'org_owner',
          scopeSphereId: null,
          expiresAt: null,
          grantedBy: auth.userId,
        },
        manager,
      );
      await this.audit.record(manager, {
        organisationId: id,
        actorId: auth.userId,
        action: 'organisation.created',
        targetType: 'organisation',
        targetId: id,
        spherePath: null,
        after: row,
      });
      await this.audit.record(manager, {
        organisationId: id,
        actorId: auth.userId,
        action: 'role.granted',
        targetType: 'role_assignment',
        targetId: assignmentId,
        spherePath: null,
        after: { userId: ownerId, role: 'org_owner', scopeSphereId: null },
      });
      const change = {
        assignmentId,
        userId: ownerId,
        role: 'org_owner' as const,
        scopeSphereId: null,
        expiresAt: null,
      };
      await this.events.publish(manager, StructureEvents.roleGranted(id, { ...change, actorId: auth.userId }));
      return (await this.organisations.findById(id, manager))!;
    });
    this.access.forget(auth);
    return organisation;
  }

  /** The organisations I belong to or hold a role in; every organisation for an instance admin. */
  async list(auth: AuthContext, limit: number, cursor?: string): Promise<Page<OrganisationEntity>> {
    const { profile } = await this.access.of(auth);
    const ids = organisationReadScope(profile);
    const after = cursor ? decodeCursor<{ id: string }>(cursor, { id: 'uuid' }).id : undefined;
    const rows = await this.organisations.list(ids, limit + 1, after);
    return keysetPage(rows, limit, (o) => ({ id: o.id }));
  }

  async get(auth: AuthContext, organisationId: string): Promise<OrganisationEntity> {
    const access = await this.access.of(auth);
    return this.access.organisation(access, await this.organisations.findById(organisationId));
  }

  async update(auth: AuthContext, organisationId: string, changes: OrganisationChanges): Promise<OrganisationEntity> {
    const access = await this.access.of(auth);
    const before = this.access.organisation(access, await this.organisations.findById(organisationId));
    this.access.assert(access, 'update', organisationSubject(organisationId));
    return this.dataSource.transaction(async (manager) => {
      await this.organisations.update(organisationId, changes, manager);
      const after = (await this.organisations.findById(organisationId, manager))!;
      await this.audit.record(manager, {
        organisationId,
        actorId: auth.userId,
        action: 'organisation.updated',
        targetType: 'organisation',
        targetId: organisationId,
        spherePath: null,
        before: pick(before, changes),
        after: pick(after, changes),
      });
      return after;
    });
  }
}

/** The fields a change touched, for the audit trail's before/after. */
export function pick<T extends object>(record: T, changes: object): Partial<T> {
  // DTO instances carry every declared field, unset ones as undefined: those did not change
  const touched = Object.entries(changes).filter(([, value]) => value !== undefined);
  return Object.fromEntries(touched.map(([key]) => [key, record[key as keyof T]])) as Partial<T>;
}
