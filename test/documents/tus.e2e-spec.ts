import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { utimes } from 'node:fs/promises';
import http from 'node:http';
import { join } from 'node:path';
import { Upload } from 'tus-js-client';
import { PartialUploadSweeper } from '@alveole/documents/http';
import { sphereWithPeople } from '../factories/content';
import { as } from '../factories/structure';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

const MB = 1024 * 1024;
const TUS = { 'tus-resumable': '1.0.0' };

/** tus `Upload-Metadata`: keys with base64 values. */
const metadata = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');

/** A PDF as the sniffer sees one (its magic bytes), with random content. */
const pdfOf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('resumable uploads (tus)', () => {
  let t: TestApp;
  let people: Awaited<ReturnType<typeof sphereWithPeople>>;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
    people = await sphereWithPeople(t);
  });
  afterAll(() => t.close());

  const create = (user: TestUser, fields: Record<string, string>, length: number) =>
    t.http
      .post('/api/v1/uploads')
      .set(as(user))
      .set(TUS)
      .set('upload-length', String(length))
      .set('upload-metadata', metadata(fields));

  /** A new upload of `length` bytes into the sphere: its path (`/api/v1/uploads/<id>`). */
  async function started(user: TestUser, length: number, fields: Record<string, string> = {}): Promise<string> {
    const response = await create(
      user,
      { sphereId: people.sphere.id, filename: 'report.pdf', filetype: 'application/pdf', ...fields },
      length,
    );
    expect(response.status).toBe(201);
    expect(response.headers.location).toMatch(/^\/api\/v1\/uploads\/[0-9a-f]{32}$/);
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

  it('resumes a 30 MB upload cut three times from the offset HEAD gives, and makes the document', async () => {
    const { member } = people;
    const source = pdfOf(30 * MB);
    const path = await started(member, source.length);
    expect(await offsetOf(member, path)).toBe(0);

    let offset = 0;
    for (const cut of [6 * MB, 9 * MB, 7 * MB]) {
      await patchThenDrop(member, path, source, offset, cut);
      const resumed = await offsetAfterCut(member, path, offset);
      expect(resumed).toBeLessThanOrEqual(offset + cut);
      offset = resumed;
    }
    expect(offset).toBeLessThan(source.length);

    const last = await patch(member, path, offset, source.subarray(offset));
    expect(last.status).toBe(204);
    expect(last.headers['upload-offset']).toBe(String(source.length));
    const documentId = last.headers['alveole-document-id'] as string;
    expect(documentId).toMatch(/^[0-9a-f-]{36}$/);

    const document = await t.http.get(`/api/v1/documents/${documentId}`).set(as(member)).expect(200);
    expect(document.body).toMatchObject({ sphereId: people.sphere.id, name: 'report.pdf', size: source.length });
    expect(document.body.sha256).toBe(sha256(source));
    const content = await t.http
      .get(`/api/v1/documents/${documentId}/content`)
      .set(as(member))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(sha256(content.body as Buffer)).toBe(sha256(source));
    // the partial is gone once the document is made
    await head(member, path).expect(404);
  }, 120_000);

  it('works with tus-js-client, in chunks, resumed by a new client from the upload URL', async () => {
    const { member } = people;
    const source = pdfOf(3 * MB + 123);
    const options = {
      endpoint: `${t.url}/api/v1/uploads`,
      headers: as(member),
      metadata: { sphereId: people.sphere.id, filename: 'chunked.pdf', filetype: 'application/pdf' },
      chunkSize: MB,
      retryDelays: null,
      storeFingerprintForResuming: false,
    };
    // the first client stops after its first chunk, as a closed tab would
    const firstUrl = await new Promise<string>((resolve, reject) => {
      const upload: Upload = new Upload(source, {
        ...options,
        onError: reject,
        onChunkComplete: () => void upload.abort().then(() => resolve(upload.url!)),
      });
      upload.start();
    });
    expect(await offsetOf(member, new URL(firstUrl).pathname)).toBe(MB);

    let documentId: string | undefined;
    await new Promise<void>((resolve, reject) => {
      const upload = new Upload(source, {
        ...options,
        uploadUrl: firstUrl,
        onError: reject,
        onSuccess: () => resolve(),
        onAfterResponse: (_request, response) => {
          documentId ??= response.getHeader('Alveole-Document-Id') || undefined;
        },
      });
      upload.start();
    });
    const document = await t.http.get(`/api/v1/documents/${documentId}`).set(as(member)).expect(200);
    expect(document.body).toMatchObject({ name: 'chunked.pdf', size: source.length, sha256: sha256(source) });
  });

  it('adds a version to a document when the metadata names it', async () => {
    const { member } = people;
    const first = pdfOf(2000);
    const path = await started(member, first.length);
    const made = await patch(member, path, 0, first).expect(204);
    const documentId = made.headers['alveole-document-id'] as string;

    const second = pdfOf(3000);
    const versionPath = await started(member, second.length, { documentId, sphereId: '', filename: 'report-v2.pdf' });
    const added = await patch(member, versionPath, 0, second).expect(204);
    expect(added.headers['alveole-document-id']).toBe(documentId);
    const document = await t.http.get(`/api/v1/documents/${documentId}`).set(as(member)).expect(200);
    expect(document.body).toMatchObject({ version: 2, size: second.length, sha256: sha256(second) });
  });

  it('answers the last PATCH with the refusal of bytes that are not what was declared, and drops the upload', async () => {
    const { member } = people;
    const text = Buffer.from('not a PDF at all, just words\n'.repeat(40));
    const path = await started(member, text.length);
    const refused = await patch(member, path, 0, text);
    expect(refused.status).toBe(415);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.type).toBe('file-type-mismatch');
    expect(refused.headers['alveole-document-id']).toBeUndefined();
    await head(member, path).expect(404);
    const listed = await t.http
      .get(`/api/v1/spheres/${people.sphere.id}/documents?q=report`)
      .set(as(member))
      .expect(200);
    expect(listed.body.items.map((item: { size: number }) => item.size)).not.toContain(text.length);
  });

  it('keeps an upload to its creator: to anyone else it does not exist', async () => {
    const { member, other } = people;
    // an owner named in the metadata is not believed
    const path = await started(member, 1000, { ownerId: other.id });
    await patch(member, path, 0, pdfOf(1000).subarray(0, 400)).expect(204);

    for (const response of [
      await head(other, path),
      await patch(other, path, 400, Buffer.alloc(100)),
      await t.http.delete(path).set(as(other)).set(TUS),
    ]) {
      expect(response.status).toBe(404);
    }
    const unknown = await head(member, '/api/v1/uploads/0123456789abcdef0123456789abcdef').expect(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await offsetOf(member, path)).toBe(400);

    await t.http.delete(path).set(as(member)).set(TUS).expect(204);
    await head(member, path).expect(404);
  });

  it('wants a token', async () => {
    const path = await started(people.member, 1000);
    const anonymous = await t.http.post('/api/v1/uploads').set(TUS).set('upload-length', '10');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.type).toBe('unauthenticated');
    await head(null, path).expect(401);
  });

  it('refuses at creation what the document would refuse, as problems', async () => {
    const { member } = people;
    const unknownSphere = await create(
      member,
      { sphereId: '0190f5b0-0000-7000-8000-000000000000', filename: 'a.pdf', filetype: 'application/pdf' },
      10,
    );
    expect(unknownSphere.status).toBe(404);
    expect(unknownSphere.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknownSphere.body.type).toBe('not-found');

    const tooLarge = await create(
      member,
      { sphereId: people.sphere.id, filename: 'a.pdf', filetype: 'application/pdf' },
      50 * MB + 1,
    );
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.type).toBe('file-too-large');

    const disallowed = await create(
      member,
      { sphereId: people.sphere.id, filename: 'run.exe', filetype: 'application/x-msdownload' },
      10,
    );
    expect(disallowed.status).toBe(415);
    expect(disallowed.headers['content-type']).toMatch(/^application\/problem\+json/);

    const unnamed = await create(member, { sphereId: people.sphere.id, filetype: 'application/pdf' }, 10);
    expect(unnamed.status).toBe(422);
    expect(unnamed.body.errors).toEqual([{ field: 'metadata.filename', message: 'is required' }]);

    const deferred = await t.http
      .post('/api/v1/uploads')
      .set(as(member))
      .set(TUS)
      .set('upload-defer-length', '1')
      .set('upload-metadata', metadata({ sphereId: people.sphere.id, filename: 'a.pdf', filetype: 'application/pdf' }));
    expect(deferred.status).toBe(400);
    expect(deferred.body.type).toBe('upload-length-required');
  });

  it('answers malformed tus requests with problems, never a 5xx', async () => {
    const { member, sphere } = people;
    const path = await started(member, 100);
    const problem = (response: { status: number; headers: Record<string, string>; body: { type?: string } }) => ({
      status: response.status,
      problem: response.headers['content-type']?.startsWith('application/problem+json'),
      type: response.body.type,
    });

    const noVersion = await t.http.delete(path).set(as(member));
    expect(problem(noVersion)).toEqual({ status: 412, problem: true, type: 'tus-protocol-error' });
    const badOffset = await patch(member, path, 0, Buffer.alloc(1)).set('upload-offset', '-1');
    expect(problem(badOffset)).toEqual({ status: 400, problem: true, type: 'tus-protocol-error' });
    const badMetadata = await create(member, {}, 10).set('upload-metadata', 'filename not,base64!');
    expect(problem(badMetadata)).toEqual({ status: 400, problem: true, type: 'tus-protocol-error' });
    const nul = await create(member, { sphereId: sphere.id, filename: 'a\u0000.pdf', filetype: 'application/pdf' }, 10);
    expect(problem(nul)).toEqual({ status: 422, problem: true, type: 'validation-failed' });
    for (const id of ['abc', '..%2F..%2Fsecrets', 'ABCDEF0123456789ABCDEF0123456789']) {
      expect(problem(await t.http.delete(`/api/v1/uploads/${id}`).set(as(member)).set(TUS))).toEqual({
        status: 404,
        problem: true,
        type: 'not-found',
      });
    }
    // tus bodies are for the upload routes only
    const elsewhere = await t.http
      .post(`/api/v1/spheres/${sphere.id}/posts`)
      .set(as(member))
      .set('content-type', 'application/offset+octet-stream')
      .send(Buffer.from('{"body":"hello"}'));
    expect(problem(elsewhere)).toEqual({ status: 415, problem: true, type: 'unsupported-media-type' });
  });

  it('refuses a PATCH body longer than what remains of Upload-Length, and keeps what came before', async () => {
    const { member } = people;
    const path = await started(member, 1000);
    await patch(member, path, 0, pdfOf(1000).subarray(0, 600)).expect(204);
    const over = await patch(member, path, 600, Buffer.alloc(401));
    expect(over.status).toBe(413);
    expect(over.body.type).toBe('upload-length-exceeded');
    expect(await offsetOf(member, path)).toBe(600);

    // without Content-Length (chunked), the body is cut where Upload-Length ends
    const chunked = await new Promise<{ status: number; body: { type?: string } }>((resolve, reject) => {
      const request = http.request(new URL(path, t.url), {
        method: 'PATCH',
        headers: {
          ...as(member),
          ...TUS,
          'upload-offset': '600',
          'content-type': 'application/offset+octet-stream',
        },
      });
      request.on('error', reject);
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString()) }),
        );
      });
      request.end(Buffer.alloc(1000));
    });
    expect(chunked).toMatchObject({ status: 413, body: { type: 'upload-length-exceeded' } });
    expect(await offsetOf(member, path)).toBeLessThanOrEqual(1000);

    const conflict = await patch(member, path, 500, Buffer.alloc(10));
    expect(conflict.status).toBe(409);
    expect(conflict.body.type).toBe('upload-offset-conflict');
  });

  it('removes the partial uploads left untouched for UPLOAD_EXPIRY_HOURS, and only those', async () => {
    const { member } = people;
    const abandoned = await started(member, 1000);
    await patch(member, abandoned, 0, pdfOf(1000).subarray(0, 300)).expect(204);
    const active = await started(member, 1000);

    const partial = join(t.config.dataDir, 'uploads', abandoned.split('/').pop()!);
    const dayAndAnHourAgo = new Date(Date.now() - (t.config.uploadExpiryHours + 1) * 3600_000);
    for (const file of [partial, `${partial}.json`]) await utimes(file, dayAndAnHourAgo, dayAndAnHourAgo);

    expect(await t.app.get(PartialUploadSweeper).sweep()).toBe(1);
    await head(member, abandoned).expect(404);
    expect(existsSync(partial) || existsSync(`${partial}.json`)).toBe(false);
    expect(await offsetOf(member, active)).toBe(0);
  });

  it('tells what the server offers, to anyone', async () => {
    const response = await t.http.options('/api/v1/uploads').expect(204);
    expect(response.headers['tus-version']).toBe('1.0.0');
    expect(response.headers['tus-max-size']).toBe(String(50 * MB));
    expect(response.headers['tus-extension']).not.toContain('creation-defer-length');
  });
});

describe('resumable uploads without Redis', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REDIS_URL: '', UPLOAD_EXPIRY_HOURS: '1' } });
  });
  afterAll(() => t.close());

  it('sweeps the partial uploads in the api all the same', async () => {
    const { member, sphere } = await sphereWithPeople(t);
    const created = await t.http
      .post('/api/v1/uploads')
      .set(as(member))
      .set(TUS)
      .set('upload-length', '100')
      .set('upload-metadata', metadata({ sphereId: sphere.id, filename: 'a.pdf', filetype: 'application/pdf' }))
      .expect(201);
    const path = created.headers.location as string;
    const sweeper = t.app.get(PartialUploadSweeper);

    // fifty minutes from now it is still within the hour; seventy minutes from now it is not
    expect(await sweeper.sweep(Date.now() + 50 * 60_000)).toBe(0);
    await t.http.head(path).set(as(member)).set(TUS).expect(200);
    expect(await sweeper.sweep(Date.now() + 70 * 60_000)).toBe(1);
    await t.http.head(path).set(as(member)).set(TUS).expect(404);
  });
});
