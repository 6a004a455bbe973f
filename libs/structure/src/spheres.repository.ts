import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { SphereReadScope } from '@alveole/access';
import { FastQuery } from '@alveole/core';
import { SphereEntity } from './sphere.entity';

export interface SimilarSphere {
  id: string;
  name: string;
  similarity: number;
}

/** Columns under their entity property names, for raw reads that skip entity hydration. */
const SPHERE_COLUMNS = `id, organisation_id AS "organisationId", parent_id AS "parentId", path, depth, name, slug, description,
  kind, territory_code AS "territoryCode", visibility, posting_policy AS "postingPolicy", moderation_mode AS "moderationMode",
  history_visible_to_newcomers AS "historyVisibleToNewcomers", charter_addendum AS "charterAddendum",
  charter_addendum_version AS "charterAddendumVersion",
  archived_at AS "archivedAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

@Injectable()
export class SpheresRepository {
  constructor(
    @InjectRepository(SphereEntity) private readonly spheres: Repository<SphereEntity>,
    private readonly db: FastQuery,
  ) {}

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

  async update(
    organisationId: string,
    id: string,
    changes: Partial<SphereEntity>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.getRepository(SphereEntity).update({ organisationId, id }, { ...changes, updatedAt: () => 'now()' });
  }

  /**
   * Bumps the addendum version when a non-blank addendum replaces a different text, before the update
   * writes it (same transaction, row locked): members accept it again in this sphere only. A cleared
   * addendum (stored NULL) asks nothing; the version never goes back, so a later text asks everyone.
   */
  async bumpAddendumVersionIfChanged(
    organisationId: string,
    id: string,
    addendum: string,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `UPDATE spheres SET charter_addendum_version = charter_addendum_version + 1
        WHERE organisation_id = $1 AND id = $2 AND btrim($3) <> ''
          AND btrim(coalesce(charter_addendum, '')) <> btrim($3)`,
      [organisationId, id, addendum],
    );
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
        WHERE organisation_id = $1 AND path COLLATE "C" LIKE $5 RETURNING id`,
      [organisationId, oldPath, newPath, depthDelta, `${oldPath}%`],
    )) as unknown;
    return (Array.isArray(rows) && Array.isArray(rows[0]) ? rows[0] : (rows as unknown[])).length;
  }

  /**
   * The spheres of an organisation a caller may see, in tree order (by path), keyset after `afterPath`.
   * The WHERE clause is the `read` rule of the AbilityFactory, as SQL (Delegation.sphereReadScope).
   * Raw SQL on the driver pool: this route lists whole trees, page after page (bench:access).
   * spheres_org_path_idx (organisation_id, path COLLATE "C") serves the prefixes and the order.
   */
  async listVisible(
    organisationId: string,
    scope: SphereReadScope,
    options: { parentId?: string; afterPath?: string; limit: number },
  ): Promise<SphereEntity[]> {
    const params: unknown[] = [organisationId, options.limit, options.afterPath ?? null, options.parentId ?? null];
    let visible = 'true';
    if (!scope.all) {
      const rules: string[] = [];
      if (scope.listed) rules.push(`visibility IN ('public', 'private')`);
      if (scope.sphereIds.length > 0) rules.push(`id = ANY($${params.push(scope.sphereIds)}::uuid[])`);
      for (const prefix of scope.pathPrefixes) rules.push(`path COLLATE "C" LIKE $${params.push(`${prefix}%`)}`);
      if (rules.length === 0) return [];
      visible = `(${rules.join(' OR ')})`;
    }
    return this.db.rows<SphereEntity>(
      `SELECT ${SPHERE_COLUMNS} FROM spheres
        WHERE organisation_id = $1 AND ${visible}
          AND ($3::text IS NULL OR path COLLATE "C" > $3) AND ($4::uuid IS NULL OR parent_id = $4)
        ORDER BY path COLLATE "C" LIMIT $2`,
      params,
    );
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
