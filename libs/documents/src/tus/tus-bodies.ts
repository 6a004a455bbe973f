import type { FastifyInstance } from 'fastify';
import { TUS_PATH } from './tus-uploads';

export const TUS_BODY_TYPE = 'application/offset+octet-stream';

/**
 * tus PATCH bodies (`application/offset+octet-stream`) are left unread for the tus server to stream
 * to disk: no JSON body limit, no parsing. Only the upload routes take them; elsewhere the type is
 * refused with 415, as any other non-JSON body.
 */
export function acceptTusBodies(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(TUS_BODY_TYPE, (request, _payload, done) => {
    if (request.url === TUS_PATH || request.url.startsWith(`${TUS_PATH}/`)) return done(null, undefined);
    // Fastify's own code, so the problem filter answers it as Fastify would have (415, not a 500)
    const refused = { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' };
    done(Object.assign(new Error(`Unsupported Media Type: ${TUS_BODY_TYPE}`), refused), undefined);
  });
}
