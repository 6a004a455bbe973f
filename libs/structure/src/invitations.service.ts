import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext, Delegation } from '@alveole/access';
import { AuditWriter } from '@alveole/audit';
import {
  APP_CONFIG,
  AppConfig,
  AppException,
  decodeCursor,
  DomainEvents,
  keysetPage,
  newId,
  Page,
} from '@alveole/core';
import { mustAcceptCharter } from './charter-standing';
import { ChartersRepository } from './charters.repository';
import { InvitationEntity, InvitationRole } from './invitation.entity';
import { InvitationsRepository } from './invitations.repository';
import { MembershipsRepository } from './memberships.repository';
import { OrganisationsRepository } from './organisations.repository';
import { sphereFacts } from './sphere.entity';
import { SpheresRepository } from './spheres.repository';
import { StructureAccess } from './structure-access';
import { StructureErrors } from './structure.errors';
import { StructureEvents } from './structure.events';

export interface NewInvitation {
  role?: InvitationRole;
  maxUses?: number;
  expiresAt?: Date;
}

export type SharedInvitation = InvitationEntity & { url: string };

export interface AcceptedInvitation {
  sphereId: string;
  organisationId: string;
  role: InvitationRole;
  status: 'active';
  /** The organisation has a charter the new member has not accepted yet (always, on arrival). */
  mustAcceptCharter: boolean;
}

/** Invitation codes and links (no e-mail needed): create, list, revoke, accept (DESIGN.md §2). */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly invitations: InvitationsRepository,
    private readonly spheres: SpheresRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly charters: ChartersRepository,
    private readonly access: StructureAccess,
    private readonly audit: AuditWriter,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(auth: AuthContext, sphereId: string, input: NewInvitation): Promise<SharedInvitation> {
    const access = await this.access.of(auth);
    const sphere = this.access.onSphere(access, 'manage_members', await this.spheres.findById(sphereId));
    const role = input.role ?? 'member';
    if (!Delegation.canGrantSphereRole(access.profile, sphereFacts(sphere), role))
      throw StructureErrors.grantNotAllowed();
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now())
      throw AppException.validation([{ field: 'expiresAt', message: 'must be in the future' }]);
    const invitation = await this.dataSource.transaction(async (manager) => {
      const created = await this.invitations.insert(
        {
          id: newId(),
          code: randomBytes(24).toString('base64url'),
          organisationId: sphere.organisationId,
          sphereId,
          role,
          maxUses: input.maxUses ?? null,
          expiresAt: input.expiresAt ?? null,
          createdBy: auth.userId,
        },
        manager,
      );
      await this.audit.record(manager, {
        organisationId: sphere.organisationId,
        actorId: auth.userId,
        action: 'invitation.created',
        targetType: 'invitation',
        targetId: created.id,
        spherePath: sphere.path,
        after: { sphereId, role, maxUses: created.maxUses, expiresAt: created.expiresAt },
      });
      return created;
    });
    return this.shared(invitation);
  }

  /** The invitations of a sphere that can still be used, newest first. */
  async list(auth: AuthContext, sphereId: string, limit: number, cursor?: string): Promise<Page<SharedInvitation>> {
    const access = await this.access.of(auth);
    const sphere = this.access.onSphere(access, 'manage_members', await this.spheres.findById(sphereId));
    const before = cursor ? decodeCursor<{ id: string }>(cursor, { id: 'uuid' }).id : undefined;
    const rows = await this.invitations.listUsable(sphere, limit + 1, before);
    const page = keysetPage(rows, limit, (i) => ({ id: i.id }));
    return { items: page.items.map((i) => this.shared(i)), nextCursor: page.nextCursor };
  }

  async revoke(auth: AuthContext, sphereId: string, invitationId: string): Promise<void> {
    const access = await this.access.of(auth);
    const sphere = this.access.onSphere(access, 'manage_members', await this.spheres.findById(sphereId));
    await this.dataSource.transaction(async (manager) => {
      const revoked = await this.invitations.revoke(sphere, invitationId, manager);
      if (!revoked) throw AppException.notFound('Invitation');
      await this.audit.record(manager, {
        organisationId: sphere.organisationId,
        actorId: auth.userId,
        action: 'invitation.revoked',
        targetType: 'invitation',
        targetId: invitationId,
        spherePath: sphere.path,
        before: { role: revoked.role, maxUses: revoked.maxUses, uses: revoked.uses, expiresAt: revoked.expiresAt },
      });
    });
  }

  async accept(auth: AuthContext, code: string): Promise<AcceptedInvitation> {
    const accepted = await this.dataSource.transaction((manager) => this.acceptIn(manager, auth.userId, code));
    this.access.forget(auth);
    return accepted;
  }

  /**
   * Joins the invitation's sphere (and organisation) in the caller's transaction, also used by
   * registration: 404 unknown code, 409 archived sphere or already a member, 403 banned, 410 gone.
   */
  async acceptIn(manager: EntityManager, userId: string, code: string): Promise<AcceptedInvitation> {
    const invitation = await this.invitations.findByCode(code, manager);
    if (!invitation) throw AppException.notFound('Invitation');
    const sphere = (await this.spheres.findById(invitation.sphereId, manager))!;
    if (sphere.archivedAt) throw StructureErrors.archived();
    const key = { organisationId: sphere.organisationId, sphereId: sphere.id, userId };
    const existing = await this.memberships.findForUpdate(key, manager);
    if (existing?.status === 'banned') throw StructureErrors.banned();
    // a pending join request or invitation becomes the membership; a lapsed mandate is replaced
    const lapsed = existing?.expiresAt != null && existing.expiresAt.getTime() <= Date.now();
    if (existing && !lapsed && existing.status !== 'requested' && existing.status !== 'invited')
      throw StructureErrors.alreadyMember();
    if (!(await this.invitations.consume(invitation.id, manager))) throw StructureErrors.invitationGone();

    await this.organisations.addMember(sphere.organisationId, userId, manager);
    const changes = { role: invitation.role, status: 'active' as const, expiresAt: null, joinedAt: new Date() };
    if (existing) await this.memberships.update(key, changes, manager);
    else if (
      !(await this.memberships.insert(
        {
          sphereId: sphere.id,
          userId,
          organisationId: sphere.organisationId,
          addendumVersionAccepted: null,
          ...changes,
        },
        manager,
      ))
    )
      throw StructureErrors.alreadyMember();
    await this.audit.record(manager, {
      organisationId: sphere.organisationId,
      actorId: userId,
      action: 'invitation.accepted',
      targetType: 'invitation',
      targetId: invitation.id,
      spherePath: sphere.path,
      before: existing ? { role: existing.role, status: existing.status } : undefined,
      after: { userId, sphereId: sphere.id, role: invitation.role, status: 'active' },
    });
    await this.events.publish(
      manager,
      StructureEvents.membershipChanged(sphere.organisationId, {
        sphereId: sphere.id,
        userId,
        actorId: userId,
        change: 'invitation_accepted',
        role: invitation.role,
        status: 'active',
      }),
    );
    // the organisation's charter accepted in another sphere holds here: only this sphere's addendum may remain
    const standing = (await this.charters.standing(sphere.id, userId, manager))!;
    return {
      sphereId: sphere.id,
      organisationId: sphere.organisationId,
      role: invitation.role,
      status: 'active',
      mustAcceptCharter: mustAcceptCharter(standing),
    };
  }

  private shared(invitation: InvitationEntity): SharedInvitation {
    return { ...invitation, url: `${this.config.publicUrl}/invitations/${invitation.code}` };
  }
}
