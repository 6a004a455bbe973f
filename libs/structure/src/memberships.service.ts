import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthContext, Delegation, SphereRole } from '@alveole/access';
import { AuditWriter } from '@alveole/audit';
import { AppException, decodeCursor, DomainEvents, keysetPage, Page } from '@alveole/core';
import { UserDirectory } from '@alveole/identity';
import { MembershipEntity } from './membership.entity';
import { MemberRow, MembershipsRepository } from './memberships.repository';
import { OrganisationsRepository } from './organisations.repository';
import { asSphereSubject, sphereFacts } from './sphere.entity';
import { SpheresRepository } from './spheres.repository';
import { StructureAccess } from './structure-access';
import { StructureErrors } from './structure.errors';
import { StructureEvents } from './structure.events';

/** Members of a sphere: list, add or change role (delegation rules), remove, leave, join. */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipsRepository,
    private readonly spheres: SpheresRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly users: UserDirectory,
    private readonly access: StructureAccess,
    private readonly audit: AuditWriter,
    private readonly events: DomainEvents,
  ) {}

  async list(auth: AuthContext, sphereId: string, limit: number, cursor?: string): Promise<Page<MemberRow>> {
    const access = await this.access.of(auth);
    const sphere = this.access.onSphere(access, 'read_members', await this.spheres.findById(sphereId));
    const after = cursor ? decodeCursor<{ userId: string }>(cursor, { userId: 'uuid' }).userId : undefined;
    const rows = await this.memberships.list(sphere, ['active', 'muted'], limit + 1, after);
    return keysetPage(rows, limit, (m) => ({ userId: m.userId }));
  }

  /**
   * Adds the user or changes their role: 201 when added, 200 when changed or already so (API.md). Concurrent
   * PUTs serialise on the row: the insert that wins is the one 201 and one `membership.granted`; the others
   * then find the row and change it, or change nothing (no audit row, no event).
   */
  async put(
    auth: AuthContext,
    sphereId: string,
    userId: string,
    role: SphereRole,
    expiresAt: Date | null,
  ): Promise<{ created: boolean; membership: MembershipEntity }> {
    const access = await this.access.of(auth);
    const { profile } = access;
    const sphere = this.access.onSphere(access, 'manage_members', await this.spheres.findById(sphereId));
    if (!Delegation.canGrantSphereRole(profile, sphereFacts(sphere), role)) throw StructureErrors.grantNotAllowed();
    if (expiresAt && expiresAt.getTime() <= Date.now())
      throw AppException.validation([{ field: 'expiresAt', message: 'must be in the future' }]);
    // consent: people enter an organisation through an invitation they accept (instance admins excepted)
    const reachable =
      (await this.organisations.isMember(sphere.organisationId, userId)) ||
      (Delegation.canBringIntoOrganisation(profile) && (await this.users.exists(userId)));
    if (!reachable) throw StructureErrors.userNotInOrganisation();

    const result = await this.dataSource.transaction(async (manager) => {
      const key = { organisationId: sphere.organisationId, sphereId, userId };
      let existing = await this.memberships.findForUpdate(key, manager);
      await this.organisations.addMember(sphere.organisationId, userId, manager);
      const changes = { role, status: 'active' as const, expiresAt, joinedAt: existing?.joinedAt ?? new Date() };
      // INSERT … ON CONFLICT DO NOTHING waits for a concurrent insert of the same row; when that one won, lock it
      if (
        !existing &&
        !(await this.memberships.insert(
          { sphereId, userId, organisationId: sphere.organisationId, addendumVersionAccepted: null, ...changes },
          manager,
        ))
      )
        existing = await this.memberships.findForUpdate(key, manager);
      // nobody changes the role of someone whose role they could not grant (a sphere admin another one)
      if (existing && !Delegation.canGrantSphereRole(profile, sphereFacts(sphere), existing.role))
        throw StructureErrors.grantNotAllowed();
      if (existing && sameMembership(existing, changes)) return { created: false, membership: existing };
      if (existing)
        await this.memberships.update(key, { ...changes, joinedAt: existing.joinedAt ?? new Date() }, manager);
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
      // a role below animator leaves the animators' room at once (it is re-joined on the next subscribe)
      const change = existing ? 'role_changed' : 'added';
      await this.events.publish(
        manager,
        StructureEvents.membershipChanged(sphere.organisationId, {
          sphereId,
          userId,
          actorId: auth.userId,
          change,
          role,
          status: 'active',
        }),
      );
      return { created: !existing, membership: (await this.memberships.find(key, manager))! };
    });
    return result;
  }

  /** Removes a member (sphere admins and managers in scope), or leaves (the user themself). */
  async remove(auth: AuthContext, sphereId: string, userId: string): Promise<void> {
    const access = await this.access.of(auth);
    const { profile } = access;
    const sphere = this.access.sphere(access, await this.spheres.findById(sphereId));
    const leaving = userId === auth.userId;
    if (!leaving) this.access.onSphere(access, 'manage_members', sphere);
    await this.dataSource.transaction(async (manager) => {
      const key = { organisationId: sphere.organisationId, sphereId, userId };
      const existing = await this.memberships.findForUpdate(key, manager);
      if (!existing) throw AppException.notFound('Membership');
      if (!leaving && !Delegation.canGrantSphereRole(profile, sphereFacts(sphere), existing.role))
        throw StructureErrors.grantNotAllowed();
      await this.memberships.remove(key, manager);
      await this.audit.record(manager, {
        organisationId: sphere.organisationId,
        actorId: auth.userId,
        action: leaving ? 'membership.left' : 'membership.removed',
        targetType: 'membership',
        targetId: userId,
        spherePath: sphere.path,
        before: { sphereId, role: existing.role, status: existing.status },
      });
      // out of the sphere's rooms on every node at once, before anything else is sent there (DESIGN.md §3)
      await this.events.publish(
        manager,
        StructureEvents.membershipChanged(sphere.organisationId, {
          sphereId,
          userId,
          actorId: auth.userId,
          change: leaving ? 'left' : 'removed',
          role: null,
          status: 'removed',
        }),
      );
    });
  }

  /** Public sphere → active member; private → a join request; secret → 404 (never revealed). */
  async join(auth: AuthContext, sphereId: string): Promise<MembershipEntity> {
    const access = await this.access.of(auth);
    const { ability } = access;
    const sphere = await this.spheres.findById(sphereId);
    const organisation = sphere ? await this.organisations.findById(sphere.organisationId) : null;
    // in an open organisation anyone may join its public spheres (and so enter the organisation)
    const openDoor = organisation?.membershipPolicy === 'open' && sphere?.visibility === 'public';
    if (!sphere || !organisation || (!openDoor && !ability.can('read', asSphereSubject(sphere))))
      throw AppException.notFound('Sphere');
    if (sphere.visibility === 'secret') throw AppException.notFound('Sphere');
    if (sphere.archivedAt) throw StructureErrors.archived();
    if (!openDoor && !ability.can('join', asSphereSubject(sphere))) throw AppException.forbidden();
    const status = sphere.visibility === 'public' ? 'active' : 'requested';
    const membership = await this.dataSource.transaction(async (manager) => {
      const key = { organisationId: sphere.organisationId, sphereId, userId: auth.userId };
      const existing = await this.memberships.findForUpdate(key, manager);
      if (existing?.status === 'banned') throw StructureErrors.banned();
      if (existing) throw StructureErrors.alreadyMember();
      await this.organisations.addMember(sphere.organisationId, auth.userId, manager);
      // a concurrent join of the same user won the race (its insert committed while this one waited)
      const inserted = await this.memberships.insert(
        {
          sphereId,
          userId: auth.userId,
          organisationId: sphere.organisationId,
          role: 'member',
          status,
          addendumVersionAccepted: null,
          expiresAt: null,
          joinedAt: status === 'active' ? new Date() : null,
        },
        manager,
      );
      if (!inserted) throw StructureErrors.alreadyMember();
      await this.audit.record(manager, {
        organisationId: sphere.organisationId,
        actorId: auth.userId,
        action: status === 'active' ? 'membership.joined' : 'membership.requested',
        targetType: 'membership',
        targetId: auth.userId,
        spherePath: sphere.path,
        after: { sphereId, role: 'member', status },
      });
      await this.events.publish(
        manager,
        StructureEvents.membershipChanged(sphere.organisationId, {
          sphereId,
          userId: auth.userId,
          actorId: auth.userId,
          change: status === 'active' ? 'joined' : 'requested',
          role: 'member',
          status,
        }),
      );
      return (await this.memberships.find(key, manager))!;
    });
    this.access.forget(auth);
    return membership;
  }
}

/** Already what the PUT asks for: nothing to write, audit or announce. */
function sameMembership(
  existing: MembershipEntity,
  wanted: { role: SphereRole; status: 'active'; expiresAt: Date | null },
): boolean {
  return (
    existing.role === wanted.role &&
    existing.status === wanted.status &&
    (existing.expiresAt?.getTime() ?? null) === (wanted.expiresAt?.getTime() ?? null)
  );
}
