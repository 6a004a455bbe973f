import { Injectable } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { Counter } from 'prom-client';
import { MetricsService } from '@alveole/core';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane).
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

@Injectable()
export class PasswordHasher {
  /** A hash of a fixed password, verified against when the e-mail is unknown so timing does not reveal accounts. */
  private readonly decoy = hash('decoy-password-for-unknown-accounts', OPTIONS);
  /** Each argon2 verification (the costly part of a login: what the login limits bound). */
  private readonly verifications: Counter;

  constructor(metrics: MetricsService) {
    this.verifications = metrics.counter('password_verifications_total', 'argon2 password verifications (logins)');
  }

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  /** Costs one verification whether or not there is a hash to check against. */
  async verify(hashed: string | undefined, password: string): Promise<boolean> {
    this.verifications.inc();
    if (!hashed) {
      await verify(await this.decoy, password).catch(() => false);
      return false;
    }
    return verify(hashed, password).catch(() => false);
  }
}
