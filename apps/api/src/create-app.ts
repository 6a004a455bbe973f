import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { LogController } from 'fastify';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AppConfig, createRootLogger, createValidationPipe, MetricsService, RedisConnections } from '@alveole/core';
import { LeanIoAdapter, RedisIoAdapter } from '@alveole/realtime';
import { ApiModule } from './api.module';
import { buildOpenApiDocument } from './openapi';

export const API_PREFIX = 'api/v1';

/** /api/v1 before every route but the probes and metrics, which stay where platforms look for them. */
export function useGlobalPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready', 'metrics'] });
}

/** Builds the api (not listening yet): used by main.ts, the e2e tests and the benchmarks. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = createRootLogger(config, 'alveole-api');
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxyHops > 0 ? (_address: string, hop: number) => hop < config.trustProxyHops : false,
    // a proxy's x-request-id is kept, otherwise a UUID; every line logged during the request carries it
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true }), // logged in observeRequests
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forConfig(config, logger), adapter, {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false, // Nest would add a urlencoded parser: bodies are JSON only (Fastify's own parser)
  });
  app.useLogger(app.get(NestPinoLogger));
  useGlobalPrefix(app);
  // without its default text/plain parser either, Fastify answers any other type than JSON with 415
  app.getHttpAdapter().getInstance().removeContentTypeParser('text/plain');
  app.useGlobalPipes(createValidationPipe());
  observeRequests(app);

  const redis = app.get(RedisConnections);
  app.useWebSocketAdapter(redis.enabled ? new RedisIoAdapter(app, redis, config) : new LeanIoAdapter(app));

  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

const QUIET_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

/** One hook for the latency histogram and the request log line (errors at info, the rest at debug). */
function observeRequests(app: NestFastifyApplication): void {
  const histogram = app.get(MetricsService).httpDuration;
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    histogram.observe({ method: request.method, route, status: String(status) }, reply.elapsedTime / 1000);
    const level = status >= 400 ? 'info' : 'debug';
    const log = request.log as Logger; // Fastify was given a pino logger: its request loggers are pino children
    if (log.isLevelEnabled(level) && !QUIET_PATHS.has(request.url)) {
      log[level](
        {
          req: { method: request.method, url: request.url, ip: request.ip },
          res: { statusCode: status },
          responseTime: reply.elapsedTime,
        },
        'request completed',
      );
    }
    done();
  });
}
