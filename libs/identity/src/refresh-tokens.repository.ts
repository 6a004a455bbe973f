import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Not, Repository } from 'typeorm';
import { RefreshTokenEntity } from './refresh-token.entity';

@Injectable()
export class RefreshTokensRepository {
  constructor(@InjectRepository(RefreshTokenEntity) private readonly tokens: Repository<RefreshTokenEntity>) {}

  async insert(
    token: Omit<RefreshTokenEntity, 'createdAt' | 'usedAt' | 'revokedAt'>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.getRepository(RefreshTokenEntity).insert(token);
  }

  /** Locks the row so two concurrent refreshes with one token cannot both rotate it. */
  findByHashForUpdate(tokenHash: string, manager: EntityManager): Promise<RefreshTokenEntity | null> {
    return manager
      .getRepository(RefreshTokenEntity)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.token_hash = :tokenHash', { tokenHash })
      .getOne();
  }

  async markUsed(id: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(RefreshTokenEntity).update({ id }, { usedAt: () => 'now()' });
  }

  async revokeFamily(familyId: string, manager: EntityManager): Promise<void> {
    await manager
      .getRepository(RefreshTokenEntity)
      .update({ familyId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }

  /** Whether the login was signed out or revoked (refresh_tokens_family_idx). */
  familyRevoked(familyId: string): Promise<boolean> {
    return this.tokens.existsBy({ familyId, revokedAt: Not(IsNull()) });
  }

  async findByHash(tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.tokens.findOneBy({ tokenHash });
  }
}
