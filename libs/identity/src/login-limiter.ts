import { Inject, Injectable } from '@nestjs/common';
import { createHmac, hkdfSync } from 'node:crypto';
import { APP_CONFIG, AppConfig, AttemptCounter } from '@alveole/core';
import { IdentityErrors } from './identity.errors';

export interface LoginAttempt {
  /** This attempt's rank among the account's attempts from this IP in the window (1 = first). */
  rank: number;
  accountKey: string;
  ipKey: string;
}

/**
 * Login attempts, limited per e-mail and IP (LOGIN_MAX_FAILURES) and per IP across e-mails
 * (LOGIN_MAX_FAILURES_PER_IP). An attempt is counted before the password is checked, in one atomic
 * step, so parallel guesses cannot all slip under the limit; a success takes its count back.
 * Keys are keyed hashes: Redis never holds an e-mail or an IP address.
 */
@Injectable()
export class LoginLimiter {
  private readonly keyHash: Buffer;

  constructor(
    private readonly attempts: AttemptCounter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // derived from the JWT secret: the same on every api node, unguessable, and never the secret itself
    this.keyHash = Buffer.from(hkdfSync('sha256', config.jwtSecret, '', 'alveole login-limiter keys', 32));
  }

  /** Counts the attempt, or refuses it (too-many-failed-logins) when a limit is reached. */
  async begin(email: string, ip: string | null): Promise<LoginAttempt> {
    const window = this.config.loginFailureWindowSeconds;
    const ipKey = `login-ip:${this.hash(ip ?? 'unknown')}`;
    const fromIp = await this.attempts.hit(ipKey, window);
    if (fromIp.count > this.config.loginMaxFailuresPerIp)
      throw IdentityErrors.tooManyFailedLogins(fromIp.retryAfterMs / 1000);
    const accountKey = `login:${this.hash(`${email}\n${ip ?? 'unknown'}`)}`;
    const forAccount = await this.attempts.hit(accountKey, window);
    if (forAccount.count > this.config.loginMaxFailures)
      throw IdentityErrors.tooManyFailedLogins(forAccount.retryAfterMs / 1000);
    return { rank: forAccount.count, accountKey, ipKey };
  }

  /** Was this failed attempt the one that locks the account out (for the security event)? */
  locksOut(attempt: LoginAttempt): boolean {
    return attempt.rank === this.config.loginMaxFailures;
  }

  /** The password was right: the account's failures are forgotten and the IP's count takes this one back. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await Promise.all([this.attempts.reset(attempt.accountKey), this.attempts.refund(attempt.ipKey)]);
  }

  /** Forgets this address's failures from this IP (an erased account's key); the IP's own count is nobody's. */
  async forget(email: string, ip: string | null): Promise<void> {
    await this.attempts.reset(`login:${this.hash(`${email}\n${ip ?? 'unknown'}`)}`);
  }

  private hash(value: string): string {
    return createHmac('sha256', this.keyHash).update(value).digest('base64url');
  }
}
