import { Inject, Injectable } from '@nestjs/common';
import { createHmac, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@alveole/core';

/** Letters and digits no one confuses when reading them aloud or off a screen (no 0/O, 1/I/L, 5/S, 2/Z). */
export const RESET_CODE_ALPHABET = 'ABCDEFGHJKMNPQRTUVWXY346789';
export const RESET_CODE_LENGTH = 10;

/** What the member types, spelt as generated: spaces and dashes dropped, upper-cased. */
export function normaliseResetCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * Reset codes and link tokens, and their keyed hashes: the tables hold only the hashes, keyed with a
 * secret derived from JWT_SECRET, so a copy of the database neither resets a password nor lets the
 * short codes be tried offline.
 */
@Injectable()
export class ResetSecrets {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = Buffer.from(hkdfSync('sha256', config.jwtSecret, '', 'alveole password-reset hashes', 32));
  }

  newCode(): string {
    let code = '';
    for (let i = 0; i < RESET_CODE_LENGTH; i++) code += RESET_CODE_ALPHABET[randomInt(RESET_CODE_ALPHABET.length)];
    return code;
  }

  newToken(): string {
    return randomBytes(32).toString('base64url');
  }

  hash(secret: string): string {
    return createHmac('sha256', this.key).update(secret).digest('base64url');
  }
}
