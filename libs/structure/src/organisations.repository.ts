import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';
import { StructureErrors } from './structure.errors';

@Injectable()
export class OrganisationsRepository {
  constructor(@InjectRepository(OrganisationEntity) private readonly organisations: Repository<OrganisationEntity>) {}

  findById(id: string, manager?: EntityManager): Promise<OrganisationEntity | null> {
    return (manager?.getRepository(OrganisationEntity) ?? this.organisations).findOneBy({ id });
  }

  /** Newest first after `afterId` (keyset on the UUIDv7 id); `ids` null = every organisation. */
  list(ids: string[] | null, limit: number, afterId?: string): Promise<OrganisationEntity[]> {
    const query = this.organisations.createQueryBuilder('o').orderBy('o.id', 'ASC').take(limit);
    if (ids) query.andWhere({ id: In(ids) });
    if (afterId) query.andWhere('o.id > :afterId', { afterId });
    return query.getMany();
  }

  /** False when the slug is taken (the unique index decides races). */
  async insert(
    organisation: Omit<OrganisationEntity, 'createdAt' | 'updatedAt' | 'charterVersion' | 'contentOnErasure'>,
    manager: EntityManager,
  ) {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(OrganisationEntity)
      .values(organisation)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  async update(id: string, changes: Partial<OrganisationEntity>, manager: EntityManager): Promise<void> {
    await manager.getRepository(OrganisationEntity).update({ id }, { ...changes, updatedAt: () => 'now()' });
  }

  /** Every way into an organisation comes here: a member banned from it is refused (403 `banned`). */
  async addMember(organisationId: string, userId: string, manager: EntityManager): Promise<void> {
    const banned: unknown[] = await manager.query(
      `SELECT 1 FROM organisation_bans WHERE organisation_id = $1 AND user_id = $2`,
      [organisationId, userId],
    );
    if (banned.length) throw StructureErrors.bannedFromOrganisation();
    await manager.query(
      `INSERT INTO organisation_members (organisation_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [organisationId, userId],
    );
  }

  async isMember(organisationId: string, userId: string, manager?: EntityManager): Promise<boolean> {
    const rows = (await (manager ?? this.organisations.manager).query(
      `SELECT 1 FROM organisation_members WHERE organisation_id = $1 AND user_id = $2`,
      [organisationId, userId],
    )) as unknown[];
    return rows.length > 0;
  }
}
