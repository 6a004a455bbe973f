import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { SphereReadScope } from '@alveole/access';
import { SphereRequestEntity, SphereRequestStatus } from './sphere-request.entity';

export type NewSphereRequest = Pick<
  SphereRequestEntity,
  'id' | 'organisationId' | 'parentId' | 'name' | 'reason' | 'kind' | 'visibility' | 'requestedBy'
>;

export type SphereRequestDecision = Pick<SphereRequestEntity, 'status' | 'decidedBy' | 'decisionReason' | 'sphereId'>;

export interface SimilarRequest {
  id: string;
  name: string;
  similarity: number;
}

@Injectable()
export class SphereRequestsRepository {
  constructor(@InjectRepository(SphereRequestEntity) private readonly requests: Repository<SphereRequestEntity>) {}

  /** A request of this organisation (the tenant is part of the lookup: another organisation's id is unknown). */
  findInOrganisation(organisationId: string, id: string): Promise<SphereRequestEntity | null> {
    return this.requests.findOneBy({ id, organisationId });
  }

  findById(id: string, manager: EntityManager): Promise<SphereRequestEntity | null> {
    return manager.getRepository(SphereRequestEntity).findOneBy({ id });
  }

  /** Locks the row: two managers deciding the same request are serialised, the second sees it decided. */
  findForUpdate(id: string, manager: EntityManager): Promise<SphereRequestEntity | null> {
    return manager
      .getRepository(SphereRequestEntity)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :id', { id })
      .getOne();
  }

  async insert(request: NewSphereRequest, manager: EntityManager): Promise<void> {
    await manager.getRepository(SphereRequestEntity).insert({ ...request, status: 'pending' });
  }

  async decide(
    organisationId: string,
    id: string,
    decision: SphereRequestDecision,
    manager: EntityManager,
  ): Promise<void> {
    await manager
      .getRepository(SphereRequestEntity)
      .update({ organisationId, id }, { ...decision, decidedAt: () => 'now()' });
  }

  /** Pending requests under the same parent whose names look alike (pg_trgm; sphere_requests_parent_pending_idx). */
  async similarPending(
    organisationId: string,
    parentId: string,
    name: string,
    exceptId?: string,
  ): Promise<SimilarRequest[]> {
    return (await this.requests.query(
      `SELECT id, name, round(similarity(lower(name), lower($3))::numeric, 2)::float AS similarity
         FROM sphere_requests
        WHERE organisation_id = $1 AND parent_id = $2 AND status = 'pending'
          AND id IS DISTINCT FROM $4 AND similarity(lower(name), lower($3)) >= 0.4
        ORDER BY similarity DESC LIMIT 5`,
      [organisationId, parentId, name, exceptId ?? null],
    )) as SimilarRequest[];
  }

  /**
   * Requests of one status whose parent lies in the caller's scope (a path prefix of a scoped role),
   * oldest first, keyset on id (sphere_requests_org_idx; spheres primary key for the parent).
   */
  async listInScope(
    organisationId: string,
    scope: Pick<SphereReadScope, 'all' | 'pathPrefixes'>,
    options: { status: SphereRequestStatus; afterId?: string; limit: number },
  ): Promise<SphereRequestEntity[]> {
    if (!scope.all && scope.pathPrefixes.length === 0) return [];
    const query = this.requests
      .createQueryBuilder('r')
      .innerJoin('spheres', 'p', 'p.id = r.parent_id')
      .where('r.organisation_id = :organisationId AND r.status = :status', { organisationId, status: options.status });
    if (!scope.all)
      query.andWhere('p.path LIKE ANY(CAST(:patterns AS text[]))', {
        patterns: scope.pathPrefixes.map((prefix) => `${prefix}%`),
      });
    if (options.afterId) query.andWhere('r.id > :afterId', { afterId: options.afterId });
    return query.orderBy('r.id', 'ASC').limit(options.limit).getMany();
  }
}
