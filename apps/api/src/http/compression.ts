import fastifyCompress from '@fastify/compress';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, onSendHookHandler, RouteOptions } from 'fastify';
import { constants } from 'node:zlib';

const THRESHOLD_BYTES = 1024;

/**
 * Brotli or gzip for answers of 1 KiB and more whose type compresses (JSON, HTML, text: a feed page
 * shrinks ~5×), when the client asks. Brotli at quality 4: the default 11 is for files compressed once,
 * and costs ~50× more CPU per answer. `rawRoutes` (document downloads) send their bytes as stored:
 * their ETag, length and ranges describe those bytes. Types that do not compress (images, archives),
 * answers already encoded (the client's pre-compressed files) pass as they are; Socket.IO is not a route.
 * Request bodies sent with `Content-Encoding: gzip` or `br` are inflated on the routes that read a body
 * only: the plugin's preParsing hook made every GET run Fastify's preParsing chain (~4 µs of a `GET /me`).
 */
export async function compressAnswers(app: NestFastifyApplication, rawRoutes: string[]): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const ownHooks = new WeakMap<RouteOptions, unknown[]>();
  // before the plugin's own onRoute hook, which reads `compress` from each route as it is added
  fastify.addHook('onRoute', (route) => {
    if (rawRoutes.includes(route.url)) route.compress = false;
    if (!readsBody(route.method)) route.decompress = false;
    ownHooks.set(route, [route.onSend ?? []].flat());
  });
  await app.register(fastifyCompress as unknown as Parameters<NestFastifyApplication['register']>[0], {
    global: true,
    threshold: THRESHOLD_BYTES,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  // after it: the onSend hook it gave the route is skipped for answers below the threshold
  fastify.addHook('onRoute', (route) => {
    const own = ownHooks.get(route) ?? [];
    const hooks = [route.onSend ?? []].flat();
    route.onSend = hooks.map((hook) => (own.includes(hook) ? hook : passingSmallAnswers(hook, THRESHOLD_BYTES)));
  });
}

/**
 * The plugin sends an answer below the threshold as it is, but only after reading four headers and the
 * client's encodings (~1.5 µs of a `GET /me`): a text or buffer that short is passed on at once.
 */
export function passingSmallAnswers(onSend: onSendHookHandler, threshold: number): onSendHookHandler {
  return function (this: FastifyInstance, request, reply, payload, done) {
    if ((typeof payload === 'string' || Buffer.isBuffer(payload)) && Buffer.byteLength(payload) < threshold) {
      return done(null, payload);
    }
    return onSend.call(this, request, reply, payload, done);
  };
}

/** No route of ours reads a body on these (DELETE /me reads the password confirming it). */
const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function readsBody(method: string | string[]): boolean {
  return (Array.isArray(method) ? method : [method]).some((one) => !BODYLESS_METHODS.has(one.toUpperCase()));
}
