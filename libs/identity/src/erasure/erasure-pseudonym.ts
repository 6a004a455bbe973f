import { Inject, Injectable } from '@nestjs/common';
import { createHmac, hkdfSync } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@alveole/core';

/**
 * The pseudonym an erased person's audit rows and moderation cases keep: a keyed hash of the id. The
 * key is derived from JWT_SECRET (the same on every node, never the secret itself), so nobody without
 * it can go from an id to its pseudonym, and the id itself is gone.
 */
@Injectable()
export class ErasurePseudonym {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = Buffer.from(hkdfSync('sha256', config.jwtSecret, '', 'alveole erasure pseudonyms', 32));
  }

  of(userId: string): { pseudonym: string; pseudonymId: string } {
    const hex = createHmac('sha256', this.key).update(userId).digest('hex');
    // version 8 ("custom") UUID: never one that UUIDv7 generation could give to a real row
    const pseudonymId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    return { pseudonym: `former-member-${hex.slice(0, 16)}`, pseudonymId };
  }
}
