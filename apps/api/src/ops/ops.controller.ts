import { Controller, Get, Header, Headers, HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorFunction, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@alveole/access';
import { ApiProblems, AppException, MetricsService, PROBLEM_MEDIA_TYPE, RedisHealth } from '@alveole/core';
import { LivenessResponse, ReadinessProblemResponse, ReadinessResponse } from './ops.responses';
import { MetricsAccess } from './metrics-access';

/** Liveness, readiness and Prometheus metrics, outside /api/v1 for probes and scrapers. */
@ApiTags('operations')
@ApiExtraModels(ReadinessProblemResponse)
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
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ type: LivenessResponse })
  @ApiProblems()
  live(): LivenessResponse {
    return { status: 'ok' };
  }

  @Public()
  @Get('health/ready')
  @ApiOperation({ summary: 'Readiness: the database (and Redis, when configured) answer' })
  @ApiOkResponse({ type: ReadinessResponse })
  @ApiResponse({
    status: 503,
    description: 'service-unavailable: `checks` says which dependency is down',
    content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ReadinessProblemResponse) } } },
  })
  @ApiProblems()
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
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format 0.0.4)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ content: { 'text/plain': { schema: { type: 'string' } } }, description: 'the metrics' })
  @ApiProblems(401, 404)
  async scrape(@Headers('authorization') authorization?: string): Promise<string> {
    this.metricsAccess.assertAllowed(authorization);
    return this.metrics.registry.metrics();
  }
}
