import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { requestHost } from '@alveole/core';
import type { PublicBrand } from '@alveole/structure';
import { brandedIndex } from './branded-index';

/** Paths that stay the api's own: an unknown one there is a JSON 404, never the client's page. */
const API_PREFIXES = ['/api', '/socket.io', '/health', '/metrics'];

/**
 * The built web client (dist/web, `npm run build:web`): where it is from this file, built
 * (dist/apps/api/src/http) or run from source by the tests (apps/api/src/http).
 */
export function webClientDirectory(): string | undefined {
  const candidates = [resolve(__dirname, '../../../../web'), resolve(__dirname, '../../../../dist/web')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

function isApiPath(path: string): boolean {
  return API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * Serves the client on every GET or HEAD that no api route matched: a file of the build when there
 * is one (hashed assets under /_app/immutable cached for a year, the others — the service worker
 * among them — revalidated on every use), else index.html with the instance brand written in (the
 * SPA fallback, never cached; the brand of the request's host name). The api's paths keep their problem+json 404. No route is added, so
 * 405 answers (other methods on a known path) are unchanged.
 */
export async function serveWebClient(
  app: NestFastifyApplication,
  brand?: (host: string) => Promise<PublicBrand>,
  root = webClientDirectory(),
): Promise<boolean> {
  if (!root) return false;
  const index = readFileSync(join(root, 'index.html'), 'utf8');
  const fastify = app.getHttpAdapter().getInstance();
  // brotli or gzip copies written at build time (scripts/web-compress.mjs), chosen by Accept-Encoding
  await fastify.register(fastifyStatic, { root, serve: false, index: false, preCompressed: true });
  // callback style: every api request passes here, and a routed one leaves without allocating a promise
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!request.is404 || (request.method !== 'GET' && request.method !== 'HEAD')) return done();
    const path = safeDecode(request.url.split('?')[0]);
    if (path === undefined || isApiPath(path)) return done();
    const file = join(root, path);
    if (path !== '/' && file.startsWith(root + '/') && existsSync(file) && statSync(file).isFile()) {
      if (path.startsWith('/_app/immutable/')) {
        void reply.sendFile(path.slice(1), { immutable: true, maxAge: 31536000000, cacheControl: true });
      } else {
        // revalidated on every use: the service worker (/service-worker.js) above all, so a new
        // version of the client reaches the browsers at their next visit
        void reply.header('cache-control', 'no-cache').sendFile(path.slice(1), { cacheControl: false });
      }
      return;
    }
    void sendIndex(reply, index, brand && (() => brand(requestHost(request))));
  });
  return true;
}

/** index.html with the brand in its head (the plain page when the brand cannot be read). */
async function sendIndex(reply: FastifyReply, index: string, brand?: () => Promise<PublicBrand>) {
  const html = brand
    ? await brand().then(
        (current) => brandedIndex(index, current),
        () => index,
      )
    : index;
  return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
}

function safeDecode(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}
