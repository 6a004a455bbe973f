import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { TestApp } from '../support/test-app';
import { as } from './structure';
import { TestUser } from './users';

export const MB = 1024 * 1024;
export const TUS = { 'tus-resumable': '1.0.0' };

/** tus `Upload-Metadata`: keys with base64 values. */
export const tusMetadata = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');

/** A PDF as the sniffer sees one (its magic bytes), with random content. */
export const pdfOf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);
export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** tus requests to the test app, uploads going by default to `sphereId` as `report.pdf`. */
export function tusCalls(t: TestApp, sphereId: string) {
  const create = (user: TestUser, fields: Record<string, string>, length: number) =>
    t.http
      .post('/api/v1/uploads')
      .set(as(user))
      .set(TUS)
      .set('upload-length', String(length))
      .set('upload-metadata', tusMetadata(fields));

  /** A new upload of `length` bytes into the sphere: its path (`/api/v1/uploads/<id>`). */
  async function started(user: TestUser, length: number, fields: Record<string, string> = {}): Promise<string> {
    const response = await create(
      user,
      { sphereId, filename: 'report.pdf', filetype: 'application/pdf', ...fields },
      length,
    );
    if (response.status !== 201) throw new Error(`upload: ${response.status} ${JSON.stringify(response.body)}`);
    if (!/^\/api\/v1\/uploads\/[0-9a-f]{32}$/.test(response.headers.location as string)) {
      throw new Error(`unexpected Location ${response.headers.location}`);
    }
    return response.headers.location as string;
  }

  const head = (user: TestUser | null, path: string) =>
    t.http
      .head(path)
      .set(user ? as(user) : {})
      .set(TUS);
  const patch = (user: TestUser, path: string, offset: number, bytes: Buffer) =>
    t.http
      .patch(path)
      .set(as(user))
      .set(TUS)
      .set('upload-offset', String(offset))
      .set('content-type', 'application/offset+octet-stream')
      .send(bytes);

  async function offsetOf(user: TestUser, path: string): Promise<number> {
    const response = await head(user, path).expect(200);
    return Number(response.headers['upload-offset']);
  }

  /**
   * Sends the rest of `source` from `offset` in one PATCH over a raw connection, and destroys the
   * socket once `cutAfter` bytes are written: a phone losing its network mid-upload.
   */
  function patchThenDrop(user: TestUser, path: string, source: Buffer, offset: number, cutAfter: number) {
    return new Promise<void>((resolve, reject) => {
      const request = http.request(new URL(path, t.url), {
        method: 'PATCH',
        headers: {
          ...as(user),
          ...TUS,
          'upload-offset': String(offset),
          'content-type': 'application/offset+octet-stream',
          'content-length': String(source.length - offset),
        },
      });
      request.on('error', () => resolve()); // the connection we cut
      request.on('response', (response) => reject(new Error(`answered ${response.statusCode} before the cut`)));
      request.write(source.subarray(offset, offset + cutAfter), () => request.destroy());
    });
  }

  /** The offset once the server has taken in the cut PATCH's bytes (it notices the cut asynchronously). */
  async function offsetAfterCut(user: TestUser, path: string, before: number): Promise<number> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const offset = await offsetOf(user, path);
      if (offset > before) return offset;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no byte of the cut PATCH arrived (offset still ${before})`);
  }

  return { create, started, head, patch, offsetOf, patchThenDrop, offsetAfterCut };
}
