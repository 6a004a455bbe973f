import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthContext } from '@alveole/access';
import { AuditWriter } from '@alveole/audit';
import { AppException, decodeCursor, DomainEvents, keysetPage, Page } from '@alveole/core';
import { MembershipEntity } from './membership.entity';
import { MemberRow, MembershipsRepository } from './memberships.repository';
import { SpheresRepository } from './spheres.repository';
import { StructureAccess } from './structure-access';
import { StructureEvents } from './structure.events';

/** Requests to join a private sphere (`requested` memberships), decided by its animators and admins. */
@Injectable()
export class JoinRequestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipsRepository,
    private readonly spheres: SpheresRepository,
    private readonly access: StructureAccess,
    private readonly audit: AuditWriter,
    private readonly events: DomainEvents,
  ) {}

  async list(auth: AuthContext, sphereId: string, limit: number, cursor?: string): Promise<Page<MemberRow>> {
    const access = await this.access.of(auth);
    const sphere = this.access.onSphere(access, 'moderate', await this.spheres.findById(sphereId));
    const after = cursor ? decodeCursor<{ userId: string }>(cursor, { userId: 'uuid' }).userId : undefined;
    const rows = await this.memberships.list(sphere, ['requested'], limit + 1, after);
    return keysetPage(rows, limit, (m) => ({ userId: m.userId }));
  }

  /** The requester becomes an active member with the role they asked for. */
  approve(auth: AuthContext, sphereId: string, userId: string): Promise<MembershipEntity> {
    return this.decide(auth, sphereId, userId, 'approved');
  }

  /** The request is deleted: the user may ask again later. */
  async reject(auth: AuthContext, sphereId: string, userId: string): Promise<void> {
    await this.decide(auth, sphereId, userId, 'rejected');
  }

  private async decide(
    auth: AuthContext,
    sphereId: string,
    userId: string,
    decision: 'approved' | 'rejected',
  ): Promise<MembershipEntity> {
    const access = await this.access.of(auth);
    const sphere = this.access.onSphere(access, 'moderate', await this.spheres.findById(sphereId));
    return this.dataSource.transaction(async (manager) => {
      const key = { organisationId: sphere.organisationId, sphereId, userId };
      const request = await this.memberships.findForUpdate(key, manager);
      if (request?.status !== 'requested') throw AppException.notFound('Join request');
      if (decision === 'approved')
        await this.memberships.update(key, { status: 'active', joinedAt: new Date() }, manager);
      else await this.memberships.remove(key, manager);
      await this.audit.record(manager, {
        organisationId: sphere.organisationId,
        actorId: auth.userId,
        action: `membership.${decision}`,
        targetType: 'membership',
        targetId: userId,
        spherePath: sphere.path,
        before: { sphereId, role: request.role, status: 'requested' },
        after: decision === 'approved' ? { sphereId, role: request.role, status: 'active' } : undefined,
      });
      await this.events.publish(
        manager,
        StructureEvents.joinRequestDecided(
          sphere.organisationId,
          { sphereId, userId, decidedBy: auth.userId, decision },
          request.role,
        ),
      );
      return decision === 'approved' ? (await this.memberships.find(key, manager))! : request;
    });
  }
}
