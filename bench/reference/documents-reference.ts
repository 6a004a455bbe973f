import multipart from '@fastify/multipart';
import { create as attachment } from 'content-disposition';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LocalFileStorage } from '../../libs/documents/src/storage/local-file-storage';
import { env, referenceServer, UUID } from './reference-server';

/*
 * The reference for bench:documents: the least code moving a file's bytes through HTTP to and from the
 * app's own storage driver (LocalFileStorage on the same DATA_DIR/files). Upload: the bearer token checked,
 * the multipart `file` part streamed into storage while its SHA-256 and size are computed. Download: the
 * bytes streamed back with the app's headers. Same Fastify and @fastify/multipart; no Nest, no database
 * row (the id → key map is in memory: one row is a millisecond against the transfer of 20 MB), no type
 * sniffing, no quota.
 */

const { server, authenticatedUserId, listen } = referenceServer();
const storage = new LocalFileStorage(join(env('DATA_DIR'), 'files'));
const MAX_BYTES = 50 * 1024 * 1024;

interface Stored {
  key: string;
  name: string;
  mimeType: string;
  size: number;
  sha256: string;
}
const documents = new Map<string, Stored>();

void server.register(multipart, { limits: { files: 1, fileSize: MAX_BYTES } });

server.post('/api/v1/spheres/:sphereId/documents', async (request, reply) => {
  if (!authenticatedUserId(request.headers.authorization)) return reply.code(401).send({ status: 401 });
  const file = await request.file();
  if (!file) return reply.code(422).send({ status: 422 });
  const hash = createHash('sha256');
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const key = `documents/${randomUUID()}`;
  const [{ size }] = await Promise.all([storage.write(key, hashing), pipeline(file.file, hashing)]);
  if (file.file.truncated) {
    await storage.delete(key);
    return reply.code(413).send({ status: 413 });
  }
  const id = randomUUID();
  const stored = { key, name: file.filename, mimeType: file.mimetype, size, sha256: hash.digest('hex') };
  documents.set(id, stored);
  return reply.code(201).send({ id, name: stored.name, size, mimeType: stored.mimeType, sha256: stored.sha256 });
});

server.get<{ Params: { id: string } }>('/api/v1/documents/:id/content', async (request, reply) => {
  if (!authenticatedUserId(request.headers.authorization)) return reply.code(401).send({ status: 401 });
  const stored = UUID.test(request.params.id) ? documents.get(request.params.id) : undefined;
  if (!stored) return reply.code(404).send({ status: 404 });
  return reply
    .header('content-type', stored.mimeType)
    .header('content-length', stored.size)
    .header('content-disposition', attachment(stored.name))
    .header('x-content-type-options', 'nosniff')
    .header('etag', `"${stored.sha256}"`)
    .header('accept-ranges', 'bytes')
    .send(await storage.read(stored.key));
});

listen();
