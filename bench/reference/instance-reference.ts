import type { FastifyReply, FastifyRequest } from 'fastify';
import { env, referenceServer } from './reference-server';

/*
 * The reference for bench:instance: bare Fastify with one GET route that answers the brand the app
 * gave at the start of the run (INSTANCE_BODY, the JSON text as the app sent it, and INSTANCE_ETAG),
 * from memory: the best an in-memory brand cache can do on the same Fastify. Same validator logic as
 * the app's controller: 304 without a body when If-None-Match lists the ETag. No security headers,
 * request id, hooks or logging: what the app spends on those is what the ratio shows.
 */

const body = env('INSTANCE_BODY');
const etag = env('INSTANCE_ETAG');

const { server, listen } = referenceServer();

server.get('/api/v1/instance', (request: FastifyRequest, reply: FastifyReply) => {
  reply.header('etag', etag).header('cache-control', 'no-cache');
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch?.split(',').some((tag) => tag.trim() === etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(body);
});

listen();
