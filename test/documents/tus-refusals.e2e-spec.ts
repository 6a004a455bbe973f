import { existsSync } from 'node:fs';
import { utimes } from 'node:fs/promises';
import http from 'node:http';
import { join } from 'node:path';
import { PartialUploadSweeper } from '@alveole/documents/http';
import { sphereWithPeople } from '../factories/content';
import { as } from '../factories/structure';
import { MB, pdfOf, TUS, tusCalls, tusMetadata } from '../factories/tus';
import { startTestApp, TestApp } from '../support/test-app';

/** Resumable uploads (tus): what is refused, and what expires. */
describe('resumable uploads (tus): refusals and expiry', () => {
  let t: TestApp;
  let people: Awaited<ReturnType<typeof sphereWithPeople>>;
  let tus: ReturnType<typeof tusCalls>;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
    people = await sphereWithPeople(t);
    tus = tusCalls(t, people.sphere.id);
  });
  afterAll(() => t.close());

  it('refuses at creation what the document would refuse, as problems', async () => {
    const { member } = people;
    const unknownSphere = await tus.create(
      member,
      { sphereId: '0190f5b0-0000-7000-8000-000000000000', filename: 'a.pdf', filetype: 'application/pdf' },
      10,
    );
    expect(unknownSphere.status).toBe(404);
    expect(unknownSphere.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknownSphere.body.type).toBe('not-found');

    const tooLarge = await tus.create(
      member,
      { sphereId: people.sphere.id, filename: 'a.pdf', filetype: 'application/pdf' },
      50 * MB + 1,
    );
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.type).toBe('file-too-large');

    const disallowed = await tus.create(
      member,
      { sphereId: people.sphere.id, filename: 'run.exe', filetype: 'application/x-msdownload' },
      10,
    );
    expect(disallowed.status).toBe(415);
    expect(disallowed.headers['content-type']).toMatch(/^application\/problem\+json/);

    const unnamed = await tus.create(member, { sphereId: people.sphere.id, filetype: 'application/pdf' }, 10);
    expect(unnamed.status).toBe(422);
    expect(unnamed.body.errors).toEqual([{ field: 'metadata.filename', message: 'is required' }]);

    const deferred = await t.http
      .post('/api/v1/uploads')
      .set(as(member))
      .set(TUS)
      .set('upload-defer-length', '1')
      .set(
        'upload-metadata',
        tusMetadata({ sphereId: people.sphere.id, filename: 'a.pdf', filetype: 'application/pdf' }),
      );
    expect(deferred.status).toBe(400);
    expect(deferred.body.type).toBe('upload-length-required');
  });

  it('holds a person to 20 unfinished uploads at once', async () => {
    const { animator } = people;
    const paths = await Promise.all(Array.from({ length: 20 }, () => tus.started(animator, 100)));
    const refused = await tus.create(
      animator,
      { sphereId: people.sphere.id, filename: 'one-more.pdf', filetype: 'application/pdf' },
      100,
    );
    expect(refused.status).toBe(429);
    expect(refused.body.type).toBe('too-many-open-uploads');
    // someone else is not held by them
    await tus.started(people.member, 100);

    await t.http.delete(paths[0]).set(as(animator)).set(TUS).expect(204);
    await tus.started(animator, 100);
  });

  it('answers malformed tus requests with problems, never a 5xx', async () => {
    const { member, sphere } = people;
    const path = await tus.started(member, 100);
    const problem = (response: { status: number; headers: Record<string, string>; body: { type?: string } }) => ({
      status: response.status,
      problem: response.headers['content-type']?.startsWith('application/problem+json'),
      type: response.body.type,
    });

    const noVersion = await t.http.delete(path).set(as(member));
    expect(problem(noVersion)).toEqual({ status: 412, problem: true, type: 'tus-protocol-error' });
    const badOffset = await tus.patch(member, path, 0, Buffer.alloc(1)).set('upload-offset', '-1');
    expect(problem(badOffset)).toEqual({ status: 400, problem: true, type: 'tus-protocol-error' });
    const badMetadata = await tus.create(member, {}, 10).set('upload-metadata', 'filename not,base64!');
    expect(problem(badMetadata)).toEqual({ status: 400, problem: true, type: 'tus-protocol-error' });
    const nul = await tus.create(
      member,
      { sphereId: sphere.id, filename: 'a\u0000.pdf', filetype: 'application/pdf' },
      10,
    );
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
    const path = await tus.started(member, 1000);
    await tus.patch(member, path, 0, pdfOf(1000).subarray(0, 600)).expect(204);
    const over = await tus.patch(member, path, 600, Buffer.alloc(401));
    expect(over.status).toBe(413);
    expect(over.body.type).toBe('upload-length-exceeded');
    expect(await tus.offsetOf(member, path)).toBe(600);

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
    expect(await tus.offsetOf(member, path)).toBeLessThanOrEqual(1000);

    const conflict = await tus.patch(member, path, 500, Buffer.alloc(10));
    expect(conflict.status).toBe(409);
    expect(conflict.body.type).toBe('upload-offset-conflict');
  });

  it('removes the partial uploads left untouched for UPLOAD_EXPIRY_HOURS, and only those', async () => {
    const { member } = people;
    const abandoned = await tus.started(member, 1000);
    await tus.patch(member, abandoned, 0, pdfOf(1000).subarray(0, 300)).expect(204);
    const active = await tus.started(member, 1000);

    const partial = join(t.config.dataDir, 'uploads', abandoned.split('/').pop()!);
    const dayAndAnHourAgo = new Date(Date.now() - (t.config.uploadExpiryHours + 1) * 3600_000);
    for (const file of [partial, `${partial}.json`]) await utimes(file, dayAndAnHourAgo, dayAndAnHourAgo);

    expect(await t.app.get(PartialUploadSweeper).sweep()).toBe(1);
    await tus.head(member, abandoned).expect(404);
    expect(existsSync(partial) || existsSync(`${partial}.json`)).toBe(false);
    expect(await tus.offsetOf(member, active)).toBe(0);
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
      .set('upload-metadata', tusMetadata({ sphereId: sphere.id, filename: 'a.pdf', filetype: 'application/pdf' }))
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
