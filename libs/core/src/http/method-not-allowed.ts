import type { FastifyRequest } from 'fastify';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * The methods the app serves on the path of a request that matched no route: when there are
 * some, the answer is 405 with `Allow` rather than 404 (RFC 9110 §15.5.6). Fastify's own router
 * answers, so path parameters match exactly as they would for a real route.
 */
export function allowedMethods(request: FastifyRequest): string[] {
  const url = request.url.split('?')[0];
  return METHODS.filter((method) => request.server.findRoute({ method: method as 'GET', url }) !== null);
}
