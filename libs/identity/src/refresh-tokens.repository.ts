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
   * Whether `token`, rotated already, may be exchanged once more: true while every token issued in its
   * family since its rotation is unused and there are fewer than `maxUnused`. Nothing is retired: the
   * first answer may have been lost (a tab closed mid-refresh) or stored by another tab (two tabs), and
   * the server cannot tell which, so each branch stays live. False once a successor was used (the
   * rotation went on from there: a reuse) or the cap is reached (too many presentations for a lost answer).
   */
  async mayBranchAgain(token: RefreshTokenEntity, maxUnused: number, manager: EntityManager): Promise<boolean> {
    // the family lock serialises rotations; FOR UPDATE also waits for a sign-out of every login (revokeAllOf)
    const successors: { used_at: Date | null }[] = await manager.query(
      `SELECT used_at FROM refresh_tokens
        WHERE family_id = $1 AND created_at >= $2 AND revoked_at IS NULL
        FOR UPDATE`,
      [token.familyId, token.usedAt],
    );
    if (successors.length === 0 || successors.length >= maxUnused) return false;
    return successors.every((successor) => successor.used_at === null);
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
