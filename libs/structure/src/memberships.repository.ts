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

@Injectable()
export class MembershipsRepository {
  constructor(@InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>) {}

  find(sphereId: string, userId: string, manager?: EntityManager): Promise<MembershipEntity | null> {
    return (manager?.getRepository(MembershipEntity) ?? this.memberships).findOneBy({ sphereId, userId });
  }

  findForUpdate(sphereId: string, userId: string, manager: EntityManager): Promise<MembershipEntity | null> {
    return manager
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.sphere_id = :sphereId AND m.user_id = :userId', { sphereId, userId })
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

  async update(
    sphereId: string,
    userId: string,
    changes: Partial<MembershipEntity>,
    manager: EntityManager,
  ): Promise<void> {
    await manager
      .getRepository(MembershipEntity)
      .update({ sphereId, userId }, { ...changes, updatedAt: () => 'now()' });
  }

  async remove(sphereId: string, userId: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(MembershipEntity).delete({ sphereId, userId });
  }

  /** Members of a sphere by status, keyset on user id (memberships primary key). */
  async list(sphereId: string, statuses: string[], limit: number, afterUserId?: string): Promise<MemberRow[]> {
    return (await this.memberships.query(
      `SELECT m.user_id AS "userId", u.display_name AS "displayName", m.role, m.status, m.joined_at AS "joinedAt"
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.sphere_id = $1 AND m.status = ANY($2) AND ($3::uuid IS NULL OR m.user_id > $3)
        ORDER BY m.user_id LIMIT $4`,
      [sphereId, statuses, afterUserId ?? null, limit],
    )) as MemberRow[];
  }
}
