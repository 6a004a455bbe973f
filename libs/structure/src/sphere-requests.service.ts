import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthContext, sphereReadScope } from '@alveole/access';
import { AuditWriter } from '@alveole/audit';
import { decodeIdCursor, DomainEvents, idPage, newId, Page } from '@alveole/core';

import { OrganisationsRepository } from './organisations.repository';
import { SphereKind, Visibility } from './sphere.entity';
import { SphereRequestEntity, SphereRequestStatus } from './sphere-request.entity';
import { SphereRequestsRepository } from './sphere-requests.repository';
import { SpheresRepository } from './spheres.repository';
import { StructureAccess } from './structure-access';
import { StructureErrors } from './structure.errors';
import { StructureEvents } from './structure.events';
import { sphereRequestsOf } from './structure.rules';

export interface NewSphereRequestInput {
  name: string;
  parentId: string;
  reason: string;
  kind?: SphereKind;
  visibility?: Visibility;
}

/** A near-duplicate of a requested sphere: an existing sphere, or another pending request. */
export interface SimilarName {
  type: 'sphere' | 'sphere_request';
  id: string;
  name: string;
  similarity: number;
}

/**
 * Members ask for spheres instead of creating them, so that the people who run the network avoid
 * redundant spheres and spheres outside the association's mandate (DESIGN.md §0 (b)).
 */
@Injectable()
export class SphereRequestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: SphereRequestsRepository,
    private readonly spheres: SpheresRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly access: StructureAccess,
    private readonly audit: AuditWriter,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Any member may ask, whatever the organisation's `sphereCreation`: even with `managers` a request
   * creates nothing, a system manager in scope decides. The parent must be a sphere the member sees.
   */
  async create(
    auth: AuthContext,
    organisationId: string,
    input: NewSphereRequestInput,
  ): Promise<{ request: SphereRequestEntity; similar: SimilarName[] }> {
    const access = await this.access.of(auth);
    this.access.organisation(access, await this.organisations.findById(organisationId));
    this.access.assert(access, 'create', sphereRequestsOf(organisationId));
    const found = await this.spheres.findById(input.parentId);
    const parent = this.access.sphere(access, found?.organisationId === organisationId ? found : null, 'Parent sphere');
    if (parent.archivedAt) throw StructureErrors.archived();

    const spheres = await this.spheres.similarNames(organisationId, parent.id, input.name);
    const pending = await this.requests.similarPending(organisationId, parent.id, input.name);
    const similar: SimilarName[] = [
      ...spheres.map((s) => ({ type: 'sphere' as const, ...s })),
      ...pending.map((r) => ({ type: 'sphere_request' as const, ...r })),
    ].sort((a, b) => b.similarity - a.similarity);

    const id = newId();
    const request = await this.dataSource.transaction(async (manager) => {
      const row = {
        id,
        organisationId,
        parentId: parent.id,
        name: input.name.trim(),
        reason: input.reason.trim(),
        kind: input.kind ?? null,
        visibility: input.visibility ?? null,
        requestedBy: auth.userId,
      };
      await this.requests.insert(row, manager);
      await this.audit.record(manager, {
        organisationId,
        actorId: auth.userId,
        action: 'sphere_request.created',
        targetType: 'sphere_request',
        targetId: id,
        // the parent's path: the managers of the parent's subtree see the entry
        spherePath: parent.path,
        after: row,
      });
      await this.events.publish(
        manager,
        StructureEvents.sphereRequestCreated(organisationId, {
          requestId: id,
          parentId: parent.id,
          requestedBy: auth.userId,
        }),
      );
      return (await this.requests.findById(id, manager))!;
    });
    return { request, similar };
  }

  /** Requests of one status (pending by default) whose parent lies in the caller's scope. */
  async list(
    auth: AuthContext,
    organisationId: string,
    options: { status?: SphereRequestStatus; limit: number; cursor?: string },
  ): Promise<Page<SphereRequestEntity>> {
    const access = await this.access.of(auth);
    this.access.organisation(access, await this.organisations.findById(organisationId));
    this.access.assert(access, 'read', sphereRequestsOf(organisationId));
    const afterId = decodeIdCursor(options.cursor);
    const rows = await this.requests.listInScope(organisationId, sphereReadScope(access.profile, organisationId), {
      status: options.status ?? 'pending',
      afterId,
      limit: options.limit + 1,
    });
    return idPage(rows, options.limit);
  }
}
