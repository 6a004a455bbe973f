import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { RequestDurationHistogram } from './request-duration-histogram';

/** Prometheus registry of the process; sources register their gauges' collectors here. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new RequestDurationHistogram(
    [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    this.registry,
  );

  readonly socketsConnected = new Gauge({
    name: 'realtime_sockets_connected',
    help: 'Socket.IO clients connected to this node',
    registers: [this.registry],
  });

  readonly rateLimitFallbacks = new Counter({
    name: 'rate_limit_redis_fallbacks_total',
    help: "Rate-limit decisions taken on this node's in-memory counters because Redis was unreachable",
    labelNames: ['limiter'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // the exact Node version helps an attacker more than an operator (who knows what they deploy)
    this.registry.removeSingleMetric('nodejs_version_info');
  }

  /** A counter of this process, registered once per name. */
  counter(name: string, help: string): Counter {
    const existing = this.registry.getSingleMetric(name);
    return (existing as Counter | undefined) ?? new Counter({ name, help, registers: [this.registry] });
  }

  /** A gauge whose value is read when Prometheus scrapes. */
  gauge(name: string, help: string, labelNames: string[], collect: (gauge: Gauge) => Promise<void>): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        await collect(this);
      },
    });
  }
}
