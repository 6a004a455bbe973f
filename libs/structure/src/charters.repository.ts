import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { CharterStanding } from './charter-standing';
import { CharterEntity } from './charter.entity';

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

  /** The sphere's addendum version, its row share-locked so that an addendum change waits for the acceptance. */
  async lockAddendumVersion(organisationId: string, sphereId: string, manager: EntityManager): Promise<number> {
    const rows = (await manager.query(
      `SELECT CASE WHEN charter_addendum IS NULL THEN 0 ELSE charter_addendum_version END AS version
         FROM spheres WHERE organisation_id = $1 AND id = $2 FOR SHARE`,
      [organisationId, sphereId],
    )) as { version: number }[];
    return rows[0]?.version ?? 0;
  }

  async publish(charter: Omit<CharterEntity, 'publishedAt'>, manager: EntityManager): Promise<CharterEntity> {
    await manager.getRepository(CharterEntity).insert(charter);
    await manager.query(`UPDATE organisations SET charter_version = $2, updated_at = now() WHERE id = $1`, [
      charter.organisationId,
      charter.version,
    ]);
    return (await this.find(charter.organisationId, charter.version, manager))!;
  }

  /** One row by primary keys (spheres, organisations, organisation_members, memberships); null: no such sphere. */
  async standing(sphereId: string, userId: string, manager?: EntityManager): Promise<CharterStanding | null> {
    const rows = (await (manager ?? this.charters.manager).query(
      `SELECT o.charter_version AS current, om.charter_version_accepted AS accepted,
              CASE WHEN s.charter_addendum IS NULL THEN 0 ELSE s.charter_addendum_version END AS "addendumVersion",
              m.addendum_version_accepted AS "addendumAccepted",
              m.status
         FROM spheres s JOIN organisations o ON o.id = s.organisation_id
         LEFT JOIN organisation_members om ON om.organisation_id = s.organisation_id AND om.user_id = $2
         LEFT JOIN memberships m ON m.sphere_id = s.id AND m.user_id = $2
        WHERE s.id = $1`,
      [sphereId, userId],
    )) as CharterStanding[];
    return rows[0] ?? null;
  }

  /** The organisation version the user accepted (organisation_members primary key); null: never or not a member. */
  async acceptedVersion(organisationId: string, userId: string): Promise<number | null> {
    const rows = (await this.charters.manager.query(
      `SELECT charter_version_accepted AS accepted FROM organisation_members WHERE organisation_id = $1 AND user_id = $2`,
      [organisationId, userId],
    )) as { accepted: number | null }[];
    return rows[0]?.accepted ?? null;
  }

  /**
   * Records the organisation's version once for the organisation and the sphere's addendum version on the
   * membership; never lowers an acceptance (a late request with an older version changes nothing).
   */
  async accept(
    sphere: { organisationId: string; id: string },
    userId: string,
    accepted: { version: number; addendumVersion: number },
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `UPDATE organisation_members
          SET charter_version_accepted = greatest(coalesce(charter_version_accepted, 0), $3)
        WHERE organisation_id = $1 AND user_id = $2`,
      [sphere.organisationId, userId, accepted.version],
    );
    await manager.query(
      `UPDATE memberships
          SET addendum_version_accepted = greatest(coalesce(addendum_version_accepted, 0), $3), updated_at = now()
        WHERE organisation_id = $4 AND sphere_id = $1 AND user_id = $2`,
      [sphere.id, userId, accepted.addendumVersion, sphere.organisationId],
    );
  }
}
