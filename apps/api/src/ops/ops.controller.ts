import { Controller, Get, Header, Headers, HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorFunction, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@alveole/access';
import { AppException, MetricsService, RedisHealth } from '@alveole/core';
import { MetricsAccess } from './metrics-access';

@ApiExcludeController()
/** Liveness, readiness and Prometheus metrics, outside /api/v1 for probes and scrapers. */
@Controller()
export class OpsController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealth,
    private readonly metrics: MetricsService,
    private readonly metricsAccess: MetricsAccess,
  ) {}

  @Public()
  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  @Public()
  @Get('health/ready')
  async ready() {
    const checks: HealthIndicatorFunction[] = [() => this.database.pingCheck('database', { timeout: 2000 })];
    if (this.redis.enabled) checks.push(() => this.redis.check('redis'));
    try {
      return await this.health.check(checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const body = error.getResponse() as { error?: unknown; details?: unknown };
      throw new AppException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'service-unavailable',
        'A dependency is down',
        undefined,
        undefined,
        {
          checks: body.details ?? body.error,
        },
      );
    }
  }

  /** On the public port only with METRICS_TOKEN (Public: the token, not a user, opens it); see MetricsServer. */
  @Public()
  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Headers('authorization') authorization?: string): Promise<string> {
    this.metricsAccess.assertAllowed(authorization);
    return this.metrics.registry.metrics();
  }
}
