import type { FastifyRequest } from 'fastify';

/**
 * The host name the request came to, lower case, without port: `Host`, or `X-Forwarded-Host` when the
 * proxy is trusted (TRUST_PROXY_HOPS > 0; Fastify's trustProxy decides). It picks the brand.
 */
export function requestHost(request: Pick<FastifyRequest, 'hostname'>): string {
  return request.hostname.toLowerCase();
}
