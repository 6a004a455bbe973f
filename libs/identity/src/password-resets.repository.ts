import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { newId, rowsOf } from '@alveole/core';

export interface LiveResetCode {
  id: string;
  codeHash: string;
  attempts: number;
  expired: boolean;
}

/** Reset codes (given by animators) and reset-link tokens (sent by e-mail): hashes only, one transaction each. */
@Injectable()
export class PasswordResetsRepository {
  /** The new code replaces the account's unused one, if any (password_reset_codes_live_key). */
  async replaceCode(
    manager: EntityManager,
    code: { userId: string; codeHash: string; issuedBy: string; expiresAt: Date },
  ): Promise<void> {
    await manager.query(`DELETE FROM password_reset_codes WHERE user_id = $1 AND used_at IS NULL`, [code.userId]);
    await manager.query(
      `INSERT INTO password_reset_codes (id, user_id, code_hash, issued_by, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [newId(), code.userId, code.codeHash, code.issuedBy, code.expiresAt],
    );
  }

  /** The account's unused code, locked: two tries of one code run one after the other. */
  async lockLiveCode(manager: EntityManager, userId: string): Promise<LiveResetCode | null> {
    const [row] = rowsOf<LiveResetCode>(
      await manager.query(
        `SELECT id, code_hash AS "codeHash", attempts, expires_at <= now() AS expired
           FROM password_reset_codes WHERE user_id = $1 AND used_at IS NULL FOR UPDATE`,
        [userId],
      ),
    );
    return row ?? null;
  }

  async countFailedAttempt(manager: EntityManager, codeId: string): Promise<void> {
    await manager.query(`UPDATE password_reset_codes SET attempts = attempts + 1 WHERE id = $1`, [codeId]);
  }

  /** A password reset, however done, spends every code and link the account still had. */
  async spendAll(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`UPDATE password_reset_codes SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [
      userId,
    ]);
    await manager.query(`UPDATE password_reset_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [
      userId,
    ]);
  }

  /** A link asked for: the row only; its token is minted by the e-mail job. */
  async insertLinkRequest(manager: EntityManager, userId: string): Promise<string> {
    const id = newId();
    await manager.query(`INSERT INTO password_reset_tokens (id, user_id) VALUES ($1, $2)`, [id, userId]);
    return id;
  }

  /**
   * Gives the request a token hash and expiry, replacing any earlier one (a retried send mints anew and
   * only the newest link works); the account, or null. A spent request, or one older than an hour, is
   * not served any more.
   */
  async mintLink(
    manager: EntityManager,
    requestId: string,
    tokenHash: string,
    expiresAt: Date,
  ): Promise<{ userId: string } | null> {
    const [row] = rowsOf<{ userId: string }>(
      await manager.query(
        `UPDATE password_reset_tokens SET token_hash = $2, expires_at = $3
          WHERE id = $1 AND used_at IS NULL AND created_at > now() - interval '1 hour'
        RETURNING user_id AS "userId"`,
        [requestId, tokenHash, expiresAt],
      ),
    );
    return row ?? null;
  }

  /** Where and how to write to the account about its link (users_pkey). */
  async addresseeOf(
    manager: EntityManager,
    userId: string,
  ): Promise<{ email: string | null; displayName: string; locale: string | null } | null> {
    const [row] = rowsOf<{ email: string | null; displayName: string; locale: string | null }>(
      await manager.query(`SELECT email, display_name AS "displayName", locale FROM users WHERE id = $1`, [userId]),
    );
    return row ?? null;
  }

  /** Spends the link when it is live (password_reset_tokens_hash_key); its account, or null. */
  async spendLink(manager: EntityManager, tokenHash: string): Promise<{ userId: string } | null> {
    const [row] = rowsOf<{ userId: string }>(
      await manager.query(
        `UPDATE password_reset_tokens SET used_at = now()
          WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
        RETURNING user_id AS "userId"`,
        [tokenHash],
      ),
    );
    return row ?? null;
  }
}
