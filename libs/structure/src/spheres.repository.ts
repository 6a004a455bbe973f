import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { SphereReadScope } from '@alveole/access';
import { SphereEntity } from './sphere.entity';

export interface SimilarSphere {
  id: string;
  name: string;
  similarity: number;
}

@Injectable()
export class SpheresRepository {
  constructor(@InjectRepository(SphereEntity) private readonly spheres: Repository<SphereEntity>) {}

  findById(id: string, manager?: EntityManager): Promise<SphereEntity | null> {
    return (manager?.getRepository(SphereEntity) ?? this.spheres).findOneBy({ id });
  }

  /** Locks the row: moves and archives of one sphere are serialised. */
  findForUpdate(id: string, manager: EntityManager): Promise<SphereEntity | null> {
    return manager
      .getRepository(SphereEntity)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.id = :id', { id })
      .getOne();
  }

  /** False when the slug is taken in the organisation. */
  async insert(
    sphere: Omit<SphereEntity, 'createdAt' | 'updatedAt' | 'archivedAt'>,
    manager: EntityManager,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(SphereEntity)
      .values(sphere)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  async update(id: string, changes: Partial<SphereEntity>, manager: EntityManager): Promise<void> {
    await manager.getRepository(SphereEntity).update({ id }, { ...changes, updatedAt: () => 'now()' });
  }

  async slugTaken(organisationId: string, slug: string, exceptId: string, manager: EntityManager): Promise<boolean> {
    const rows = (await manager.query(`SELECT 1 FROM spheres WHERE organisation_id = $1 AND slug = $2 AND id <> $3`, [
      organisationId,
      slug,
      exceptId,
    ])) as unknown[];
    return rows.length > 0;
  }

  /**
   * Re-roots a subtree: every path under `oldPath` gets `newPath` instead (spheres_org_path_idx
   * serves the prefix match). Scoped roles follow by themselves: they point at a sphere, not a path.
   */
  async movePaths(
    organisationId: string,
    oldPath: string,
    newPath: string,
    depthDelta: number,
    manager: EntityManager,
  ): Promise<number> {
    const rows = (await manager.query(
      `UPDATE spheres SET path = $3 || substr(path, length($2) + 1), depth = depth + $4, updated_at = now()
        WHERE organisation_id = $1 AND path LIKE $5 RETURNING id`,
      [organisationId, oldPath, newPath, depthDelta, `${oldPath}%`],
    )) as unknown;
    return (Array.isArray(rows) && Array.isArray(rows[0]) ? rows[0] : (rows as unknown[])).length;
  }

  /**
   * The spheres of an organisation a caller may see, in tree order (by path), keyset after `afterPath`.
   * The WHERE clause is the `read` rule of the AbilityFactory, as SQL (Delegation.sphereReadScope).
   */
  async listVisible(
    organisationId: string,
    scope: SphereReadScope,
    options: { parentId?: string; afterPath?: string; limit: number },
  ): Promise<SphereEntity[]> {
    const query = this.spheres.createQueryBuilder('s').where('s.organisation_id = :organisationId', { organisationId });
    if (!scope.all) {
      const visible: string[] = [];
      if (scope.listed) visible.push(`s.visibility IN ('public', 'private')`);
      if (scope.sphereIds.length > 0) visible.push('s.id IN (:...sphereIds)');
      scope.pathPrefixes.forEach((_, i) => visible.push(`s.path LIKE :prefix${i}`));
      if (visible.length === 0) return [];
      query.andWhere(`(${visible.join(' OR ')})`, {
        sphereIds: scope.sphereIds,
        ...Object.fromEntries(scope.pathPrefixes.map((p, i) => [`prefix${i}`, `${p}%`])),
      });
    }
    if (options.parentId) query.andWhere('s.parent_id = :parentId', { parentId: options.parentId });
    if (options.afterPath) query.andWhere('s.path > :afterPath', { afterPath: options.afterPath });
    return query.orderBy('s.path', 'ASC').take(options.limit).getMany();
  }

  /** Existing spheres under the same parent whose names look alike (pg_trgm; spheres_name_trgm_idx). */
  async similarNames(
    organisationId: string,
    parentId: string | null,
    name: string,
    exceptId?: string,
  ): Promise<SimilarSphere[]> {
    return (await this.spheres.query(
      `SELECT id, name, round(similarity(lower(name), lower($3))::numeric, 2)::float AS similarity
         FROM spheres
        WHERE organisation_id = $1 AND parent_id IS NOT DISTINCT FROM $2 AND archived_at IS NULL
          AND id IS DISTINCT FROM $4 AND similarity(lower(name), lower($3)) >= 0.4
        ORDER BY similarity DESC LIMIT 5`,
      [organisationId, parentId, name, exceptId ?? null],
    )) as SimilarSphere[];
  }
}
