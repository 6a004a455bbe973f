import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { IdentityErrors } from './identity.errors';
import { PasswordChange } from './password-change';
import { PasswordHasher } from './password-hasher';
import { PasswordResetsRepository } from './password-resets.repository';
import { normaliseResetCode, ResetSecrets } from './reset-secrets';
import { ResetLimiter } from './reset-limiter';
import { normaliseSignInName } from './sign-in-name';
import { SignInName, UsersRepository } from './users.repository';

/** Short enough to be given by phone or in person and used at once. */
export const RESET_CODE_TTL_MS = 15 * 60_000;
/** Wrong tries a code survives; the next one kills it. */
export const RESET_CODE_MAX_ATTEMPTS = 5;

export interface IssuedResetCode {
  code: string;
  expiresAt: Date;
}

/**
 * Password reset by a one-time code, for members without e-mail: someone who runs one of their
 * spheres issues it (the structure context decides who may, and audit-logs it), the member types it.
 */
@Injectable()
export class ResetCodesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly resets: PasswordResetsRepository,
    private readonly secrets: ResetSecrets,
    private readonly limiter: ResetLimiter,
    private readonly hasher: PasswordHasher,
    private readonly change: PasswordChange,
  ) {}

  /** A new code for the account, in the caller's transaction; it voids the previous one. Shown once, stored hashed. */
  async issueIn(manager: EntityManager, userId: string, issuerId: string): Promise<IssuedResetCode> {
    const code = this.secrets.newCode();
    const expiresAt = new Date(Date.now() + RESET_CODE_TTL_MS);
    await this.resets.replaceCode(manager, {
      userId,
      codeHash: this.secrets.hash(code),
      issuedBy: issuerId,
      expiresAt,
    });
    return { code, expiresAt };
  }

  /** Unknown account, wrong, used, expired or exhausted code: one answer (400 invalid-reset-code). */
  async reset(name: SignInName, code: string, newPassword: string, ip: string | null): Promise<void> {
    await this.limiter.codeTry(ip);
    // hashed first, whatever the code: the slow part outside the transaction, and every answer costs the same
    const passwordHash = await this.hasher.hash(newPassword);
    const userId = await this.users.findIdBySignInName(normaliseSignInName(name));
    const codeHash = this.secrets.hash(normaliseResetCode(code));
    // a wrong try is counted and committed, then refused: hence the outcome rather than a throw inside
    const accepted =
      userId !== undefined &&
      (await this.dataSource.transaction(async (manager) => {
        const live = await this.resets.lockLiveCode(manager, userId);
        if (!live || live.expired || live.attempts >= RESET_CODE_MAX_ATTEMPTS) return false;
        if (!sameHash(live.codeHash, codeHash)) {
          await this.resets.countFailedAttempt(manager, live.id);
          return false;
        }
        await this.change.afterReset(manager, userId, passwordHash, ip);
        return true;
      }));
    if (!accepted) throw IdentityErrors.invalidResetCode();
  }
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
