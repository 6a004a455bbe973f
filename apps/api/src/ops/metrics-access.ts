import { Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig, AppException } from '@alveole/core';

/**
 * Who may read /metrics on the public port: nobody, unless METRICS_TOKEN is set, then whoever
 * presents it as a bearer token. (With METRICS_PORT, Prometheus scrapes a port of its own.)
 */
@Injectable()
export class MetricsAccess {
  private readonly expected?: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (config.metricsToken) this.expected = digest(config.metricsToken);
  }

  assertAllowed(authorization: string | undefined): void {
    // without a token, the public port has no /metrics at all
    if (!this.expected) throw AppException.notFound('Route');
    const given = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    // digests have one length, so the comparison takes the same time whatever was sent
    if (!given || !timingSafeEqual(digest(given), this.expected)) {
      throw AppException.unauthenticated('/metrics needs the METRICS_TOKEN bearer token');
    }
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
