import { HttpStatus } from '@nestjs/common';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler, onResponseHookHandler } from 'fastify';
import type { Readable } from 'node:stream';
import { AppException } from '../errors/app-exception';

export interface MultipartFile {
  stream: Readable;
  name: string;
  type: string;
  /** The text fields sent before the file (later ones are not read). */
  fields: Record<string, string>;
}

/**
 * The `file` part of a multipart upload, as a stream (never buffered), with the fields before it.
 * The size is checked on the way to storage; `fileSize` here is only the parser's own backstop.
 */
export async function multipartFile(request: FastifyRequest, maxBytes: number): Promise<MultipartFile> {
  if (!request.isMultipart()) {
    throw new AppException(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'unsupported-media-type',
      'Send the file as multipart/form-data, in a part named file',
    );
  }
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await request.file({
      limits: { fileSize: maxBytes + 1, files: 1, fields: 4, fieldSize: 200, parts: 5, headerPairs: 50 },
    });
  } catch {
    throw new AppException(HttpStatus.BAD_REQUEST, 'malformed-multipart', 'The multipart body could not be read');
  }
  if (!part || part.fieldname !== 'file') {
    throw AppException.validation([{ field: 'file', message: 'send the file in a multipart part named file' }]);
  }
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(part.fields)) {
    const value = Array.isArray(field) ? field[0] : field;
    if (value && value.type === 'field' && typeof value.value === 'string') fields[name] = value.value;
  }
  return { stream: part.file, name: part.filename, type: part.mimetype, fields };
}

/**
 * Multipart bodies on the upload routes only (`METHOD /path` as Fastify names them, each context lists its
 * own): elsewhere a multipart body is refused before validation with 415, as any other body that is not JSON.
 * Registers @fastify/multipart with its onRequest and onResponse hooks on those routes alone: they clean
 * the temporary files of its disk mode (`saveRequestFiles`), and installed for every route they cost each
 * request two async hooks and a `close` listener on its response (~3 µs of CPU on a bare Fastify route).
 * Call it before the routes are added (Nest adds them when the app starts).
 */
export async function acceptMultipartOn(fastify: FastifyInstance, routes: string[]): Promise<void> {
  const uploads = new Set(routes);
  const routeHooks = { onRequest: [] as onRequestHookHandler[], onResponse: [] as onResponseHookHandler[] };
  fastify.addHook('onRoute', (route) => {
    if (!uploads.has(`${String(route.method)} ${route.url}`)) return;
    route.onRequest = [...[route.onRequest ?? []].flat(), ...routeHooks.onRequest];
    route.onResponse = [...[route.onResponse ?? []].flat(), ...routeHooks.onResponse];
  });
  // the plugin sees the instance as it is, but for the two hooks, which it hands to the upload routes
  const withRouteHooks = new Proxy(fastify, {
    get(target, key) {
      if (key !== 'addHook') return Reflect.get(target, key, target) as unknown;
      return (name: string, hook: never) => {
        if (name === 'onRequest' || name === 'onResponse') routeHooks[name].push(hook);
        else target.addHook(name as 'preValidation', hook);
        return withRouteHooks;
      };
    },
  });
  await new Promise<void>((resolve, reject) =>
    fastifyMultipart(withRouteHooks, {}, (error?: Error) => (error ? reject(error) : resolve())),
  );

  fastify.addHook('preValidation', (request, _reply, done) => {
    if (!request.isMultipart() || uploads.has(`${request.method} ${request.routeOptions.url}`)) return done();
    // Fastify's own code, so the problem filter answers it as Fastify would have (415, not a 500)
    const refused = { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' };
    done(Object.assign(new Error('Unsupported Media Type: multipart/form-data'), refused));
  });
}
