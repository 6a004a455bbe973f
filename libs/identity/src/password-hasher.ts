import { Inject, Injectable } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { Counter } from 'prom-client';
import { APP_CONFIG, AppConfig, MetricsService } from '@alveole/core';

type Argon2Options = { algorithm: Algorithm; memoryCost: number; timeCost: number; parallelism: number };

/**
 * OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane). Under NODE_ENV=test, argon2id at a token cost:
 * the test suite registers thousands of accounts, and the baseline's 40 ms each was a fifth of the CPU
 * of the api's e2e files.
 */
const COSTS: Record<AppConfig['passwordHashing'], Argon2Options> = {
  owasp: { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 },
  test: { algorithm: Algorithm.Argon2id, memoryCost: 64, timeCost: 1, parallelism: 1 },
};

@Injectable()
export class PasswordHasher {
  private readonly options: Argon2Options;
  /** A hash of a fixed password, verified against when the e-mail is unknown so timing does not reveal accounts. */
  private readonly decoy: Promise<string>;
  /** Each argon2 verification (the costly part of a login: what the login limits bound). */
  private readonly verifications: Counter;

  constructor(metrics: MetricsService, @Inject(APP_CONFIG) config: AppConfig) {
    this.options = COSTS[config.passwordHashing];
    this.decoy = hash('decoy-password-for-unknown-accounts', this.options);
    this.verifications = metrics.counter('password_verifications_total', 'argon2 password verifications (logins)');
  }

  hash(password: string): Promise<string> {
    return hash(password, this.options);
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

  /** Whether a stored hash costs less than today's settings (then a login stores a new one). */
  isWeaker(hashed: string): boolean {
    const cost = /\$m=(\d+),t=(\d+),p=\d+\$/.exec(hashed);
    if (!cost) return true;
    return Number(cost[1]) < this.options.memoryCost || Number(cost[2]) < this.options.timeCost;
  }
}
