import { createHash, randomBytes } from 'node:crypto';
import type { Response } from 'superagent';
import { TestApp } from '../support/test-app';
import { as } from './structure';
import { TestUser } from './users';

/** Bytes file-type recognises: a PDF header, a whole PNG, then random content. */
export const samples = {
  pdf: (size = 2048) => Buffer.concat([Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n'), randomBytes(size)]),
  // a whole 1×1 PNG (file-type walks its chunks to IDAT), then bytes after its end
  png: (size = 2048) =>
    Buffer.concat([
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
        'base64',
      ),
      randomBytes(size),
    ]),
  text: (text = 'Compte rendu de l’assemblée générale\nPoints votés : 1, 2, 3\n') => Buffer.from(text, 'utf8'),
};

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export interface UploadOptions {
  name?: string;
  type?: string;
  folderId?: string;
}

/** POST /spheres/:id/documents with a multipart `file` (and `folderId` before it). */
export function uploadAs(t: TestApp, user: TestUser, sphereId: string, bytes: Buffer, options: UploadOptions = {}) {
  const request = t.http.post(`/api/v1/spheres/${sphereId}/documents`).set(as(user));
  if (options.folderId) request.field('folderId', options.folderId);
  return request.attach('file', bytes, {
    filename: options.name ?? 'minutes.pdf',
    contentType: options.type ?? 'application/pdf',
  });
}

/** The body as bytes, whatever its type. */
export function binary(response: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}

export function download(t: TestApp, user: TestUser, documentId: string, query = '') {
  return t.http
    .get(`/api/v1/documents/${documentId}/content${query}`)
    .set(as(user))
    .buffer(true)
    .parse(binary as never);
}
