import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthContext, Delegation, SphereRole, sphereRoleAtLeast, sphereSubject } from '@alveole/access';
import { AppException, decodeCursor, keysetPage, Page } from '@alveole/core';
import { UsersRepository } from '@alveole/identity';
import { RealtimePublisher } from '@alveole/realtime';
import { AccessProfiles } from './access-profiles';
import { AuditWriter } from './audit.writer';
import { allowedOnSphere, visibleSphere } from './guards';
import { MembershipEntity } from './membership.entity';
import { MemberRow, MembershipsRepository } from './memberships.repository';
import { OrganisationsRepository } from './organisations.repository';
import { sphereFacts } from './sphere.entity';
import { SpheresRepository } from './spheres.repository';
import { StructureErrors } from './structure.errors';

/** Members of a sphere: list, add or change role (delegation rules), remove, leave, join. */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipsRepository,
    private readonly spheres: SpheresRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly users: UsersRepository,
    private readonly access: AccessProfiles,
    private readonly audit: AuditWriter,
    private readonly realtime: RealtimePublisher,
  ) {}

  async list(auth: AuthContext, sphereId: string, limit: number, cursor?: string): Promise<Page<MemberRow>> {
    const { ability } = await this.access.of(auth);
    allowedOnSphere(ability, 'read_members', await this.spheres.findById(sphereId));
    const after = cursor ? decodeCursor<{ userId: string }>(cursor, { userId: 'uuid' }).userId : undefined;
    const rows = await this.memberships.list(sphereId, ['active', 'muted'], limit + 1, after);
    return keysetPage(rows, limit, (m) => ({ userId: m.userId }));
  }

  /** Adds the user or changes their role: 201 when added, 200 when changed (API.md). */
  async put(
    auth: AuthContext,
    sphereId: string,
    userId: string,
    role: SphereRole,
    expiresAt: Date | null,
  ): Promise<{ created: boolean; membership: MembershipEntity }> {
    const { ability, profile } = await this.access.of(auth);
    const sphere = allowedOnSphere(ability, 'manage_members', await this.spheres.findById(sphereId));
    if (!Delegation.canGrantSphereRole(profile, sphereFacts(sphere), role)) throw StructureErrors.grantNotAllowed();
    if (expiresAt && expiresAt.getTime() <= Date.now())
      throw AppException.validation([{ field: 'expiresAt', message: 'must be in the future' }]);
    if (!(await this.users.findById(userId))) throw AppException.notFound('User');
    const inOrganisation = await this.organisations.isMember(sphere.organisationId, userId);
    if (!inOrganisation && !Delegation.canBringIntoOrganisation(profile, sphereFacts(sphere)))
      throw StructureErrors.notInOrganisation();

    const result = await this.dataSource.transaction(async (manager) => {
      const existing = await this.memberships.findForUpdate(sphereId, userId, manager);
      // a sphere admin may not touch another sphere admin: only those who could grant that role may
      if (
        existing?.role === 'sphere_admin' &&
        !Delegation.canGrantSphereRole(profile, sphereFacts(sphere), 'sphere_admin')
      )
        throw StructureErrors.grantNotAllowed();
      await this.organisations.addMember(sphere.organisationId, userId, manager);
      const changes = { role, status: 'active' as const, expiresAt, joinedAt: existing?.joinedAt ?? new Date() };
      if (existing) await this.memberships.update(sphereId, userId, changes, manager);
      else
        await this.memberships.insert(
          { sphereId, userId, organisationId: sphere.organisationId, charterVersionAccepted: null, ...changes },
          manager,
        );
      await this.audit.record(manager, {
        organisationId: sphere.organisationId,
        actorId: auth.userId,
        action: existing ? 'membership.changed' : 'membership.granted',
        targetType: 'membership',
        targetId: userId,
        spherePath: sphere.path,
        before: existing ? { role: existing.role, status: existing.status } : undefined,
        after: { sphereId, role, status: 'active', expiresAt },
      });
      return { created: !existing, membership: (await this.memberships.find(sphereId, userId, manager))! };
    });
    // a role below animator leaves the animators' room at once (it is re-joined on the next subscribe)
    if (!sphereRoleAtLeast(role, 'animator')) this.realtime.leaveSphere(userId, sphereId, true);
    this.realtime.toUser(userId, 'membership.changed', { sphereId, role, status: 'active' });
    return result;
  }

  /** Removes a member (sphere admins and managers in scope), or leaves (the user themself). */
  async remove(auth: AuthContext, sphereId: string, userId: string): Promise<void> {
    const { ability, profile } = await this.access.of(auth);
    const sphere = visibleSphere(ability, await this.spheres.findById(sphereId));
    const leaving = userId === auth.userId;
    if (!leaving) allowedOnSphere(ability, 'manage_members', sphere);
    await this.dataSource.transaction(async (manager) => {
      const existing = await this.memberships.findForUpdate(sphereId, userId, manager);
      if (!existing) throw AppException.notFound('Membership');
      if (
        !leaving &&
        existing.role === 'sphere_admin' &&
        !Delegation.canGrantSphereRole(profile, sphereFacts(sphere), 'sphere_admin')
      )
        throw StructureErrors.grantNotAllowed();
      await this.memberships.remove(sphereId, userId, manager);
      await this.audit.record(manager, {
        organisationId: sphere.organisationId,
        actorId: auth.userId,
        action: leaving ? 'membership.left' : 'membership.removed',
        targetType: 'membership',
        targetId: userId,
        spherePath: sphere.path,
        before: { sphereId, role: existing.role, status: existing.status },
      });
    });
    // out of the sphere's rooms on every node before anything else is sent there (DESIGN.md §3)
    this.realtime.leaveSphere(userId, sphereId);
    this.realtime.toUser(userId, 'membership.changed', { sphereId, role: null, status: 'removed' });
  }

  /** Public sphere → active member; private → a join request; secret → 404 (never revealed). */
  async join(auth: AuthContext, sphereId: string): Promise<MembershipEntity> {
    const { ability } = await this.access.of(auth);
    const sphere = await this.spheres.findById(sphereId);
    const organisation = sphere ? await this.organisations.findById(sphere.organisationId) : null;
    // in an open organisation anyone may join its public spheres (and so enter the organisation)
    const openDoor = organisation?.membershipPolicy === 'open' && sphere?.visibility === 'public';
    if (!sphere || !organisation || (!openDoor && !ability.can('read', sphereSubject(sphereFacts(sphere)))))
      throw AppException.notFound('Sphere');
    if (sphere.visibility === 'secret') throw AppException.notFound('Sphere');
    if (sphere.archivedAt) throw StructureErrors.archived();
    if (!openDoor && !ability.can('join', sphereSubject(sphereFacts(sphere)))) throw AppException.forbidden();
    const status = sphere.visibility === 'public' ? 'active' : 'requested';
    const membership = await this.dataSource.transaction(async (manager) => {
      const existing = await this.memberships.findForUpdate(sphereId, auth.userId, manager);
      if (existing?.status === 'banned') throw StructureErrors.banned();
      if (existing) throw StructureErrors.alreadyMember();
      await this.organisations.addMember(sphere.organisationId, auth.userId, manager);
      await this.memberships.insert(
        {
          sphereId,
          userId: auth.userId,
          organisationId: sphere.organisationId,
          role: 'member',
          status,
          charterVersionAccepted: null,
          expiresAt: null,
          joinedAt: status === 'active' ? new Date() : null,
        },
        manager,
      );
      await this.audit.record(manager, {
        organisationId: sphere.organisationId,
        actorId: auth.userId,
        action: status === 'active' ? 'membership.joined' : 'membership.requested',
        targetType: 'membership',
        targetId: auth.userId,
        spherePath: sphere.path,
        after: { sphereId, role: 'member', status },
      });
      return (await this.memberships.find(sphereId, auth.userId, manager))!;
    });
    this.access.forget(auth);
    return membership;
  }
}
