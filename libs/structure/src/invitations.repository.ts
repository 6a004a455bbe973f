import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { rowsOf } from '@alveole/core';
import { InvitationEntity } from './invitation.entity';

export type NewInvitation = Omit<InvitationEntity, 'uses' | 'createdAt' | 'revokedAt'>;

/** Still usable: not revoked, not expired, uses left (one test for `consume` and the list). */
const usable = (a: string) =>
  `${a}revoked_at IS NULL AND (${a}expires_at IS NULL OR ${a}expires_at > now())
   AND (${a}max_uses IS NULL OR ${a}uses < ${a}max_uses)`;

@Injectable()
export class InvitationsRepository {
  constructor(@InjectRepository(InvitationEntity) private readonly invitations: Repository<InvitationEntity>) {}

  async insert(invitation: NewInvitation, manager: EntityManager): Promise<InvitationEntity> {
    await manager.getRepository(InvitationEntity).insert(invitation);
    return (await manager.getRepository(InvitationEntity).findOneBy({ id: invitation.id }))!;
  }

  /** invitations_code_key */
  findByCode(code: string, manager?: EntityManager): Promise<InvitationEntity | null> {
    return (manager?.getRepository(InvitationEntity) ?? this.invitations).findOneBy({ code });
  }

  /**
   * Takes one use, atomically: concurrent accepts of the last use queue on the row lock and the
   * losers see the updated row fail the WHERE clause. False when the invitation is no longer usable.
   */
  async consume(id: string, manager: EntityManager): Promise<boolean> {
    const rows = rowsOf<{ id: string }>(
      await manager.query(`UPDATE invitations SET uses = uses + 1 WHERE id = $1 AND ${usable('')} RETURNING id`, [id]),
    );
    return rows.length > 0;
  }

  /** The usable invitations of a sphere, newest first, keyset on the UUIDv7 id (invitations_sphere_idx). */
  listUsable(
    sphere: { organisationId: string; id: string },
    limit: number,
    beforeId?: string,
  ): Promise<InvitationEntity[]> {
    const query = this.invitations
      .createQueryBuilder('i')
      .where(`i.organisation_id = :organisationId AND i.sphere_id = :sphereId AND ${usable('i.')}`, {
        organisationId: sphere.organisationId,
        sphereId: sphere.id,
      });
    if (beforeId) query.andWhere('i.id < :beforeId', { beforeId });
    return query.orderBy('i.id', 'DESC').take(limit).getMany();
  }

  /** Revokes an invitation of the sphere still in force; null when there is none (unknown or already revoked). */
  async revoke(
    sphere: { organisationId: string; id: string },
    id: string,
    manager: EntityManager,
  ): Promise<InvitationEntity | null> {
    const rows = rowsOf<{ id: string }>(
      await manager.query(
        `UPDATE invitations SET revoked_at = now()
          WHERE id = $1 AND organisation_id = $3 AND sphere_id = $2 AND revoked_at IS NULL RETURNING id`,
        [id, sphere.id, sphere.organisationId],
      ),
    );
    return rows.length > 0 ? manager.getRepository(InvitationEntity).findOneBy({ id }) : null;
  }
}
