import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyServerOptions, LogController } from 'fastify';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import {
  acceptMultipartOn,
  AppConfig,
  createRootLogger,
  LazyRequestLogger,
  MetricsService,
  QuietStartupLogger,
  RedisConnections,
} from '@alveole/core';
import { acceptTusBodies, DOCUMENT_DOWNLOAD_ROUTES, DOCUMENT_UPLOAD_ROUTES } from '@alveole/documents/http';
import { LeanIoAdapter, RedisIoAdapter } from '@alveole/realtime';
import { BrandCatalog } from '@alveole/structure';
import { BRAND_IMAGE_ROUTES } from '@alveole/structure/http';
import { ApiModule } from './api.module';
import { buildOpenApiDocument } from './openapi';
import { clientErrorHandler, frameworkErrorHandler } from './http/framework-errors';
import { limitJsonDepth, refuseNulCharacters } from './http/hostile-input';
import { requestId } from './http/request-id';
import { compressAnswers } from './http/compression';
import { answerBrandFromCatalogue } from './http/instance-fast-path';
import { apiSecurityHeaders, applySecurityHeaders, securityHeaders } from './http/security-headers';
import { socketOrigins } from './http/socket-origins';
import { serveWebClient } from './http/web-client';

export const API_PREFIX = 'api/v1';

/** /api/v1 before every route but the probes and metrics, which stay where platforms look for them. */
export function useGlobalPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready', 'metrics'] });
}

/** Builds the api (not listening yet): used by main.ts, the e2e tests and the benchmarks. */
export async function createApp(
  config: AppConfig,
  logger: Logger = createRootLogger(config, 'alveole-api'),
): Promise<NestFastifyApplication> {
  const pageHeaders = securityHeaders(config);
  const headers = applySecurityHeaders(pageHeaders, apiSecurityHeaders(pageHeaders));
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxyHops > 0 ? (_address: string, hop: number) => hop < config.trustProxyHops : false,
    // every line logged during the request carries its id (a proxy's, when it is a safe token)
    genReqId: requestId,
    loggerInstance: logger,
    childLoggerFactory: LazyRequestLogger.factory as unknown as FastifyServerOptions['childLoggerFactory'],
    logController: new LogController({ disableRequestLogging: true }), // logged in observeRequests
    frameworkErrors: frameworkErrorHandler(headers),
    clientErrorHandler,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forConfig(config, logger), adapter, {
    bufferLogs: true,
    // a failed start is logged once, by main.ts, not as Nest's buffered multi-line report
    autoFlushLogs: false,
    abortOnError: false,
    bodyParser: false, // Nest would add a urlencoded parser: bodies are JSON only (Fastify's own parser)
  });
  app.useLogger(new QuietStartupLogger(app.get(NestPinoLogger)));
  app.flushLogs();
  useGlobalPrefix(app);
  // without its default text/plain parser either, Fastify answers any other type than JSON with 415
  app.getHttpAdapter().getInstance().removeContentTypeParser('text/plain');
  acceptOneClickUnsubscribeForms(app);
  acceptTusBodies(app.getHttpAdapter().getInstance());
  if (config.compression) await compressAnswers(app, DOCUMENT_DOWNLOAD_ROUTES);
  // multipart bodies are read by the upload routes only, as streams (request.file()); elsewhere 415
  await acceptMultipartOn(app.getHttpAdapter().getInstance(), [...DOCUMENT_UPLOAD_ROUTES, ...BRAND_IMAGE_ROUTES]);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    headers(request, reply);
    done();
  });
  answerBrandFromCatalogue(fastify, app.get(BrandCatalog));
  limitJsonDepth(app, config.bodyLimitBytes);
  refuseNulCharacters(app);
  observeRequests(app);

  const redis = app.get(RedisConnections);
  const sockets = socketOrigins(config);
  app.useWebSocketAdapter(
    redis.enabled ? new RedisIoAdapter(app, redis, config, sockets) : new LeanIoAdapter(app, sockets),
  );

  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  const brands = app.get(BrandCatalog);
  await serveWebClient(app, (host) => brands.forHost(host).then((brand) => brand.publicBrand));
  return app;
}

/**
 * RFC 8058: mail clients post the one-click unsubscribe as `application/x-www-form-urlencoded`. Only
 * those routes take a form (its content is not read); every other route still answers 415.
 */
function acceptOneClickUnsubscribeForms(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (request, _body, done) => {
      if (/^\/api\/v1\/unsubscribe\/[^/?]+(\?|$)/.test(request.url)) return done(null, {});
      // Fastify's own code, so the problem filter answers it as Fastify would have (415, not a 500)
      const refused = { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' };
      done(Object.assign(new Error('Unsupported Media Type: application/x-www-form-urlencoded'), refused));
    });
}

const QUIET_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

/** One hook for the latency histogram and the request log line (errors at info, the rest at debug). */
function observeRequests(app: NestFastifyApplication): void {
  const histogram = app.get(MetricsService).httpDuration;
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    histogram.observe(request.method, route, status, reply.elapsedTime / 1000);
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
