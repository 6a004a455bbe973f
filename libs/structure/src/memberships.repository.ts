import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { MembershipEntity } from './membership.entity';

export interface MemberRow {
  userId: string;
  displayName: string;
  role: MembershipEntity['role'];
  status: MembershipEntity['status'];
  joinedAt: Date | null;
}

/** A membership, with its tenant: every lookup and write names the organisation (DESIGN.md §1). */
export interface MembershipKey {
  organisationId: string;
  sphereId: string;
  userId: string;
}

@Injectable()
export class MembershipsRepository {
  constructor(@InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>) {}

  find(key: MembershipKey, manager?: EntityManager): Promise<MembershipEntity | null> {
    return (manager?.getRepository(MembershipEntity) ?? this.memberships).findOneBy(key);
  }

  findForUpdate(key: MembershipKey, manager: EntityManager): Promise<MembershipEntity | null> {
    return manager
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.organisation_id = :organisationId AND m.sphere_id = :sphereId AND m.user_id = :userId', key)
      .getOne();
  }

  /** False when a membership already exists (the primary key decides races). */
  async insert(
    membership: Omit<MembershipEntity, 'createdAt' | 'updatedAt'>,
    manager: EntityManager,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(MembershipEntity)
      .values(membership)
      .orIgnore()
      .returning(['user_id'])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  async update(key: MembershipKey, changes: Partial<MembershipEntity>, manager: EntityManager): Promise<void> {
    await manager.getRepository(MembershipEntity).update(key, { ...changes, updatedAt: () => 'now()' });
  }

  async remove(key: MembershipKey, manager: EntityManager): Promise<void> {
    await manager.getRepository(MembershipEntity).delete(key);
  }

  /** Members of a sphere by status, keyset on user id (memberships primary key). */
  async list(
    sphere: { organisationId: string; id: string },
    statuses: string[],
    limit: number,
    afterUserId?: string,
  ): Promise<MemberRow[]> {
    return (await this.memberships.query(
      `SELECT m.user_id AS "userId", u.display_name AS "displayName", m.role, m.status, m.joined_at AS "joinedAt"
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.organisation_id = $5 AND m.sphere_id = $1 AND m.status = ANY($2) AND ($3::uuid IS NULL OR m.user_id > $3)
        ORDER BY m.user_id LIMIT $4`,
      [sphere.id, statuses, afterUserId ?? null, limit, sphere.organisationId],
    )) as MemberRow[];
  }
}
