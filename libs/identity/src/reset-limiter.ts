import { Inject, Injectable } from '@nestjs/common';
import { createHmac, hkdfSync } from 'node:crypto';
import { APP_CONFIG, AppConfig, AttemptCounter } from '@alveole/core';
import { IdentityErrors } from './identity.errors';

const HOUR = 3600;
/** Code tries from one IP address, whatever the account (each code also dies after 5 wrong tries). */
const CODE_TRIES_PER_IP = 30;
/** Reset links asked from one IP address, and for one e-mail address. */
const LINK_REQUESTS_PER_IP = 10;
const LINK_REQUESTS_PER_ADDRESS = 3;

/**
 * Limits on password resets. Keys are keyed hashes, as the login limiter's: Redis never holds an
 * e-mail address, a username or an IP address.
 */
@Injectable()
export class ResetLimiter {
  private readonly keyHash: Buffer;

  constructor(
    private readonly attempts: AttemptCounter,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.keyHash = Buffer.from(hkdfSync('sha256', config.jwtSecret, '', 'alveole reset-limiter keys', 32));
  }

  /** Counts a code try from this IP; 429 beyond the limit. */
  async codeTry(ip: string | null): Promise<void> {
    await this.within(`reset-code-ip:${this.hash(ip ?? 'unknown')}`, CODE_TRIES_PER_IP);
  }

  /** Counts a link request from this IP; 429 beyond the limit (it says nothing about any address). */
  async linkRequestFromIp(ip: string | null): Promise<void> {
    await this.within(`reset-link-ip:${this.hash(ip ?? 'unknown')}`, LINK_REQUESTS_PER_IP);
  }

  /**
   * Counts a link request for this address: false beyond the limit, and the caller then sends nothing
   * but answers as always (a 429 here would flood no mailbox but would single the address out).
   */
  async linkRequestForAddress(email: string): Promise<boolean> {
    const { count } = await this.attempts.hit(`reset-link:${this.hash(email)}`, HOUR);
    return count <= LINK_REQUESTS_PER_ADDRESS;
  }

  private async within(key: string, max: number): Promise<void> {
    const { count, retryAfterMs } = await this.attempts.hit(key, HOUR);
    if (count > max) throw IdentityErrors.tooManyResetAttempts(retryAfterMs / 1000);
  }

  private hash(value: string): string {
    return createHmac('sha256', this.keyHash).update(value).digest('base64url');
  }
}
