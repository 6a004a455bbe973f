import type { FastifyInstance } from 'fastify';
import { requestHost } from '@alveole/core';
import { BrandCatalog, etagMatches } from '@alveole/structure';

const PATH = '/api/v1/instance';

/**
 * GET /api/v1/instance, the page every visit starts with, answered from the brand catalogue before
 * Nest's pipeline (bench:instance: the controller costs ~1.7× the CPU of bare Fastify; this hook ~1.1×).
 * Only the exact path, with no query string: anything else (and a catalogue not loaded yet) goes on to
 * InstanceController, which answers the same way, so the route, its policy (`@Public`) and its documented
 * answer stay where they are. Registered after the security headers; the request id, metrics and
 * access log still run (they are onRequest/onResponse hooks of their own).
 */
export function answerBrandFromCatalogue(fastify: FastifyInstance, catalogue: BrandCatalog): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.method !== 'GET' || request.url !== PATH) return done();
    const brand = catalogue.cachedForHost(requestHost(request));
    if (!brand) return done();
    void reply.header('etag', brand.etag).header('cache-control', 'no-cache').header('vary', 'host, x-forwarded-host');
    if (etagMatches(request.headers['if-none-match'], brand.etag)) {
      void reply.code(304).send();
      return;
    }
    void reply.type('application/json; charset=utf-8').send(brand.json);
  });
}
