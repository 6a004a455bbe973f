import { Logger } from '@nestjs/common';
import { Counter } from 'prom-client';

/**
 * Tells operators when a limiter counts in this node's memory because Redis is unreachable: one
 * warning when it starts, one line when Redis is back, and a counter of the decisions taken so.
 */
export class RedisFallback {
  private degraded = false;

  constructor(
    private readonly limiter: string,
    private readonly logger: Logger,
    private readonly fallbacks: Counter,
  ) {}

  fellBack(error: unknown): void {
    this.fallbacks.inc({ limiter: this.limiter });
    if (this.degraded) return;
    this.degraded = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(
      `Redis unreachable (${reason}): ${this.limiter} limits count in this node's memory until it is back`,
    );
  }

  recovered(): void {
    if (!this.degraded) return;
    this.degraded = false;
    this.logger.log(`Redis reachable again: ${this.limiter} limits count in Redis`);
  }
}
