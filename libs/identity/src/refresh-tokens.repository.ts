import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Not, Repository } from 'typeorm';
import { rowsOf } from '@alveole/core';
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

  /**
   * The token, its whole login (family) locked for the transaction: rotations, reuse revocations and
   * sign-outs of one login then run one at a time. Locking only the token's row let two sign-outs of
   * one login (two tokens of it) each hold a row and wait for the other's to revoke the family: a deadlock.
   */
  async findByHashLockingFamily(tokenHash: string, manager: EntityManager): Promise<RefreshTokenEntity | null> {
    const found = await manager.getRepository(RefreshTokenEntity).findOneBy({ tokenHash });
    if (!found) return null;
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('identity.refresh-family:' || $1))`, [found.familyId]);
    // read again under the lock: what a transaction that held it just committed is seen
    return manager.getRepository(RefreshTokenEntity).findOneBy({ tokenHash });
  }

  async markUsed(id: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(RefreshTokenEntity).update({ id }, { usedAt: () => 'now()' });
  }

  /**
   * Retires the successor issued when `token` was rotated, if no one has presented it yet: the answer
   * that carried it was lost (a tab closed mid-refresh), so the rotated token may be exchanged once more.
   * False when the rotation went on from there (the successor was used): that presentation is a reuse.
   */
  async retireUnusedSuccessor(token: RefreshTokenEntity, manager: EntityManager): Promise<boolean> {
    const successors: { id: string; used_at: Date | null }[] = await manager.query(
      `SELECT id, used_at FROM refresh_tokens
        WHERE family_id = $1 AND created_at >= $2 AND revoked_at IS NULL
        FOR UPDATE`,
      [token.familyId, token.usedAt],
    );
    if (successors.length === 0 || successors.some((successor) => successor.used_at !== null)) return false;
    await manager.getRepository(RefreshTokenEntity).delete(successors.map((successor) => successor.id));
    return true;
  }

  async revokeFamily(familyId: string, manager: EntityManager): Promise<void> {
    await manager
      .getRepository(RefreshTokenEntity)
      .update({ familyId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }

  /** Revokes every login of the account (refresh_tokens_user_idx); the families that were still live. */
  async revokeAllOf(userId: string, manager: EntityManager): Promise<string[]> {
    const rows: { family_id: string }[] = rowsOf(
      await manager.query(
        `UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING family_id`,
        [userId],
      ),
    );
    return [...new Set(rows.map((row) => row.family_id))];
  }

  /** Whether the login was signed out or revoked (refresh_tokens_family_idx). */
  familyRevoked(familyId: string): Promise<boolean> {
    return this.tokens.existsBy({ familyId, revokedAt: Not(IsNull()) });
  }

  async findByHash(tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.tokens.findOneBy({ tokenHash });
  }
}
