import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext } from '@alveole/access';
import { AuditWriter } from '@alveole/audit';
import { AppException, DomainEvents } from '@alveole/core';
import { MembershipsRepository } from './memberships.repository';
import { OrganisationsRepository } from './organisations.repository';
import { SphereEntity, SphereKind, Visibility } from './sphere.entity';
import { SphereRequestEntity } from './sphere-request.entity';
import { SphereRequestsRepository } from './sphere-requests.repository';
import { SpheresRepository } from './spheres.repository';
import { SpheresService } from './spheres.service';
import { StructureAccess } from './structure-access';
import { StructureErrors } from './structure.errors';
import { StructureEvents } from './structure.events';
import { sphereRequestsOf } from './structure.rules';

export interface ApprovalChanges {
  name?: string;
  kind?: SphereKind;
  visibility?: Visibility;
}

/**
 * A system manager in scope of the parent approves a request (the sphere, the requester's
 * `sphere_admin` membership and the decision commit together) or rejects it with a reason.
 */
@Injectable()
export class SphereRequestDecisionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: SphereRequestsRepository,
    private readonly spheres: SpheresRepository,
    private readonly sphereService: SpheresService,
    private readonly organisations: OrganisationsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly access: StructureAccess,
    private readonly audit: AuditWriter,
    private readonly events: DomainEvents,
  ) {}

  async approve(
    auth: AuthContext,
    organisationId: string,
    requestId: string,
    changes: ApprovalChanges,
  ): Promise<{ request: SphereRequestEntity; sphere: SphereEntity }> {
    await this.decidable(auth, organisationId, requestId);
    return this.dataSource.transaction(async (manager) => {
      const { request, parent } = await this.lockPending(requestId, manager);
      const sphere = await this.sphereService.insertIn(manager, auth, organisationId, parent, {
        name: changes.name ?? request.name,
        // unless someone chose, the new sphere is like its parent (a secret parent keeps its children secret)
        kind: changes.kind ?? request.kind ?? parent.kind,
        visibility: changes.visibility ?? request.visibility ?? parent.visibility,
      });
      await this.organisations.addMember(organisationId, request.requestedBy, manager);
      const membership = {
        sphereId: sphere.id,
        userId: request.requestedBy,
        organisationId,
        role: 'sphere_admin' as const,
        status: 'active' as const,
        addendumVersionAccepted: null,
        expiresAt: null,
        joinedAt: new Date(),
      };
      await this.memberships.insert(membership, manager);
      await this.audit.record(manager, {
        organisationId,
        actorId: auth.userId,
        action: 'membership.granted',
        targetType: 'membership',
        targetId: request.requestedBy,
        spherePath: sphere.path,
        after: { sphereId: sphere.id, role: membership.role, status: membership.status, expiresAt: null },
      });
      await this.requests.decide(
        organisationId,
        requestId,
        { status: 'approved', decidedBy: auth.userId, decisionReason: null, sphereId: sphere.id },
        manager,
      );
      await this.audit.record(manager, {
        organisationId,
        actorId: auth.userId,
        action: 'sphere_request.approved',
        targetType: 'sphere_request',
        targetId: requestId,
        spherePath: parent.path,
        before: { status: request.status },
        after: { status: 'approved', sphereId: sphere.id },
      });
      const decided = (await this.requests.findById(requestId, manager))!;
      await this.tellRequester(auth, decided, manager);
      return { request: decided, sphere };
    });
  }

  async reject(
    auth: AuthContext,
    organisationId: string,
    requestId: string,
    reason: string,
  ): Promise<SphereRequestEntity> {
    await this.decidable(auth, organisationId, requestId);
    return this.dataSource.transaction(async (manager) => {
      const { request, parent } = await this.lockPending(requestId, manager);
      const decisionReason = reason.trim();
      await this.requests.decide(
        organisationId,
        requestId,
        { status: 'rejected', decidedBy: auth.userId, decisionReason, sphereId: null },
        manager,
      );
      await this.audit.record(manager, {
        organisationId,
        actorId: auth.userId,
        action: 'sphere_request.rejected',
        targetType: 'sphere_request',
        targetId: requestId,
        spherePath: parent.path,
        before: { status: request.status },
        after: { status: 'rejected', reason: decisionReason },
      });
      const decided = (await this.requests.findById(requestId, manager))!;
      await this.tellRequester(auth, decided, manager);
      return decided;
    });
  }

  /** 404 outside the organisation, 403 for members without a role, then the rights on the parent. */
  private async decidable(auth: AuthContext, organisationId: string, requestId: string): Promise<void> {
    const access = await this.access.of(auth);
    this.access.organisation(access, await this.organisations.findById(organisationId));
    this.access.assert(access, 'update', sphereRequestsOf(organisationId));
    const request = await this.requests.findInOrganisation(organisationId, requestId);
    if (!request) throw AppException.notFound('Sphere request');
    this.access.onSphere(access, 'create_child', await this.spheres.findById(request.parentId));
  }

  /** Under lock: a request decided meanwhile is 409, and the parent is read again (it may have moved). */
  private async lockPending(
    requestId: string,
    manager: EntityManager,
  ): Promise<{ request: SphereRequestEntity; parent: SphereEntity }> {
    const request = (await this.requests.findForUpdate(requestId, manager))!;
    if (request.status !== 'pending') throw StructureErrors.requestAlreadyDecided(request.status);
    const parent = (await this.spheres.findForUpdate(request.parentId, manager))!;
    if (parent.archivedAt) throw StructureErrors.archived();
    return { request, parent };
  }

  /** The requester hears of the outcome on their open clients, through the outbox (never lost to a Redis outage). */
  private async tellRequester(auth: AuthContext, request: SphereRequestEntity, manager: EntityManager): Promise<void> {
    const status = request.status as 'approved' | 'rejected';
    const decided = {
      requestId: request.id,
      requestedBy: request.requestedBy,
      decidedBy: auth.userId,
      status,
      sphereId: request.sphereId,
    };
    await this.events.publish(
      manager,
      StructureEvents.sphereRequestDecided(request.organisationId, decided, request.decisionReason),
    );
  }
}
