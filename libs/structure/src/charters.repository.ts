import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { MembershipStatus } from '@alveole/access';
import { CharterEntity } from './charter.entity';

/** Where a member stands with the charter of a sphere's organisation (`current` 0 = no charter yet). */
export interface CharterStanding {
  current: number;
  accepted: number | null;
  status: MembershipStatus | null;
}

@Injectable()
export class ChartersRepository {
  constructor(@InjectRepository(CharterEntity) private readonly charters: Repository<CharterEntity>) {}

  /** charters primary key */
  find(organisationId: string, version: number, manager?: EntityManager): Promise<CharterEntity | null> {
    return (manager?.getRepository(CharterEntity) ?? this.charters).findOneBy({ organisationId, version });
  }

  /**
   * The organisation's current version, its row locked: `update` serialises publications,
   * `share` lets acceptances run together but never across a publication.
   */
  async lockCurrentVersion(organisationId: string, mode: 'update' | 'share', manager: EntityManager) {
    const rows = (await manager.query(
      `SELECT charter_version AS version FROM organisations WHERE id = $1 FOR ${mode === 'update' ? 'UPDATE' : 'SHARE'}`,
      [organisationId],
    )) as { version: number }[];
    return rows[0]?.version ?? null;
  }

  async publish(charter: Omit<CharterEntity, 'publishedAt'>, manager: EntityManager): Promise<CharterEntity> {
    await manager.getRepository(CharterEntity).insert(charter);
    await manager.query(`UPDATE organisations SET charter_version = $2, updated_at = now() WHERE id = $1`, [
      charter.organisationId,
      charter.version,
    ]);
    return (await this.find(charter.organisationId, charter.version, manager))!;
  }

  /** One row by primary keys (spheres, organisations, memberships); null when the sphere does not exist. */
  async standing(sphereId: string, userId: string, manager?: EntityManager): Promise<CharterStanding | null> {
    const rows = (await (manager ?? this.charters.manager).query(
      `SELECT o.charter_version AS current, m.charter_version_accepted AS accepted, m.status
         FROM spheres s JOIN organisations o ON o.id = s.organisation_id
         LEFT JOIN memberships m ON m.sphere_id = s.id AND m.user_id = $2
        WHERE s.id = $1`,
      [sphereId, userId],
    )) as CharterStanding[];
    return rows[0] ?? null;
  }

  async accept(
    sphere: { organisationId: string; id: string },
    userId: string,
    version: number,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `UPDATE memberships SET charter_version_accepted = $3, updated_at = now()
        WHERE organisation_id = $4 AND sphere_id = $1 AND user_id = $2`,
      [sphere.id, userId, version, sphere.organisationId],
    );
  }
}
