import { Upload } from 'tus-js-client';
import { sphereWithPeople } from '../factories/content';
import { as } from '../factories/structure';
import { MB, pdfOf, sha256, TUS, tusCalls } from '../factories/tus';
import { startTestApp, TestApp } from '../support/test-app';

/** Resumable uploads (tus): interrupted uploads resume and become documents; an upload is its creator's. */
describe('resumable uploads (tus)', () => {
  let t: TestApp;
  let people: Awaited<ReturnType<typeof sphereWithPeople>>;
  let tus: ReturnType<typeof tusCalls>;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
    people = await sphereWithPeople(t);
    tus = tusCalls(t, people.sphere.id);
  });
  afterAll(() => t.close());

  it('resumes a 30 MB upload cut three times from the offset HEAD gives, and makes the document', async () => {
    const { member } = people;
    const source = pdfOf(30 * MB);
    const path = await tus.started(member, source.length);
    expect(await tus.offsetOf(member, path)).toBe(0);

    let offset = 0;
    for (const cut of [6 * MB, 9 * MB, 7 * MB]) {
      await tus.patchThenDrop(member, path, source, offset, cut);
      const resumed = await tus.offsetAfterCut(member, path, offset);
      expect(resumed).toBeLessThanOrEqual(offset + cut);
      offset = resumed;
    }
    expect(offset).toBeLessThan(source.length);

    const last = await tus.patch(member, path, offset, source.subarray(offset));
    expect(last.status).toBe(204);
    expect(last.headers['upload-offset']).toBe(String(source.length));
    const documentId = last.headers['alveole-document-id'] as string;
    // a browser's tus client may read it; the app's security headers are on tus answers too
    expect(last.headers['access-control-expose-headers']).toContain('Alveole-Document-Id');
    expect(last.headers['x-content-type-options']).toBe('nosniff');
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
    await tus.head(member, path).expect(404);
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
    expect(await tus.offsetOf(member, new URL(firstUrl).pathname)).toBe(MB);

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
    const path = await tus.started(member, first.length);
    const made = await tus.patch(member, path, 0, first).expect(204);
    const documentId = made.headers['alveole-document-id'] as string;

    const second = pdfOf(3000);
    const versionPath = await tus.started(member, second.length, {
      documentId,
      sphereId: '',
      filename: 'report-v2.pdf',
    });
    const added = await tus.patch(member, versionPath, 0, second).expect(204);
    expect(added.headers['alveole-document-id']).toBe(documentId);
    const document = await t.http.get(`/api/v1/documents/${documentId}`).set(as(member)).expect(200);
    expect(document.body).toMatchObject({ version: 2, size: second.length, sha256: sha256(second) });
  });

  it('answers the last PATCH with the refusal of bytes that are not what was declared, and drops the upload', async () => {
    const { member } = people;
    const text = Buffer.from('not a PDF at all, just words\n'.repeat(40));
    const path = await tus.started(member, text.length);
    const refused = await tus.patch(member, path, 0, text);
    expect(refused.status).toBe(415);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.type).toBe('file-type-mismatch');
    expect(refused.headers['alveole-document-id']).toBeUndefined();
    await tus.head(member, path).expect(404);
    const listed = await t.http
      .get(`/api/v1/spheres/${people.sphere.id}/documents?q=report`)
      .set(as(member))
      .expect(200);
    expect(listed.body.items.map((item: { size: number }) => item.size)).not.toContain(text.length);
  });

  it('keeps an upload to its creator: to anyone else it does not exist', async () => {
    const { member, other } = people;
    // an owner named in the metadata is not believed
    const path = await tus.started(member, 1000, { ownerId: other.id });
    await tus.patch(member, path, 0, pdfOf(1000).subarray(0, 400)).expect(204);

    for (const response of [
      await tus.head(other, path),
      await tus.patch(other, path, 400, Buffer.alloc(100)),
      await t.http.delete(path).set(as(other)).set(TUS),
    ]) {
      expect(response.status).toBe(404);
    }
    const unknown = await tus.head(member, '/api/v1/uploads/0123456789abcdef0123456789abcdef').expect(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await tus.offsetOf(member, path)).toBe(400);

    await t.http.delete(path).set(as(member)).set(TUS).expect(204);
    await tus.head(member, path).expect(404);
  });

  it('wants a token', async () => {
    const path = await tus.started(people.member, 1000);
    const anonymous = await t.http.post('/api/v1/uploads').set(TUS).set('upload-length', '10');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.type).toBe('unauthenticated');
    await tus.head(null, path).expect(401);
  });
});
