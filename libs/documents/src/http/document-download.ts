import type { FastifyReply, FastifyRequest } from 'fastify';
import { create as contentDisposition } from 'content-disposition';
import { Readable } from 'node:stream';
import parseRange from 'range-parser';
import { DocumentErrors } from '../documents.errors';
import type { DocumentContent } from '../documents.service';
import type { FileStorage } from '../storage/file-storage';

/** Types a browser would render or run if opened: always sent as bytes to save. */
const NEVER_INLINE =
  /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|text\/javascript)/i;

/**
 * Sends a version's bytes as an attachment: its name RFC 6266-encoded, never sniffed or shown inline,
 * its hash as ETag (304 when unchanged), one byte range when asked (206; 416 when outside the file).
 * With signed URLs on (S3), a redirect to a short-lived URL instead.
 */
export async function sendDocument(
  request: FastifyRequest,
  reply: FastifyReply,
  storage: FileStorage,
  { document, version }: DocumentContent,
  signedUrlSeconds: number,
): Promise<void> {
  const type = NEVER_INLINE.test(version.mimeType) ? 'application/octet-stream' : version.mimeType;
  const etag = `"${version.sha256}"`;
  reply
    .header('content-disposition', contentDisposition(document.name, { type: 'attachment' }))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-cache')
    .header('etag', etag)
    .header('accept-ranges', 'bytes');
  if (signedUrlSeconds > 0) {
    const url = await storage.signedDownloadUrl(version.storageKey, {
      fileName: document.name,
      contentType: type,
      expiresInSeconds: signedUrlSeconds,
    });
    if (url) return void reply.status(302).header('location', url).send();
  }
  if (request.headers['if-none-match']?.split(',').some((tag) => tag.trim() === etag)) {
    return void reply.status(304).send();
  }
  const range = request.headers.range ? parseRange(version.size, request.headers.range, { combine: true }) : null;
  if (range === -1) {
    reply.header('content-range', `bytes */${version.size}`);
    throw DocumentErrors.rangeNotSatisfiable(version.size);
  }
  reply.header('content-type', type);
  // malformed, or several ranges: the whole file (RFC 9110 lets a server ignore Range)
  const single = Array.isArray(range) && range.type === 'bytes' && range.length === 1 ? range[0] : null;
  if (single) {
    reply
      .status(206)
      .header('content-range', `bytes ${single.start}-${single.end}/${version.size}`)
      .header('content-length', single.end - single.start + 1);
  } else {
    reply.status(200).header('content-length', version.size);
  }
  // an empty stream: Fastify keeps the Content-Length above (an empty body would make it 0)
  if (request.method === 'HEAD') return void reply.send(Readable.from([]));
  return void reply.send(await storage.read(version.storageKey, single ?? undefined));
}
