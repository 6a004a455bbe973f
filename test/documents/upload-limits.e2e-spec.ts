import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sphereWithPeople } from '../factories/content';
import { samples, uploadAs } from '../factories/documents';
import { as } from '../factories/structure';
import { startTestApp, TestApp } from '../support/test-app';

const MB = 1024 * 1024;

describe('documents: limits, quota, types and names', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: { REGISTER_MAX_PER_HOUR: '1000', DOCUMENT_MAX_BYTES: String(MB), SPHERE_QUOTA_BYTES: String(2 * MB) },
    });
  });
  afterAll(() => t.close());

  /** Rows and bytes a sphere's uploads left: documents, pending keys, files on disk. */
  async function leftovers(sphereId: string) {
    const [row] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM documents WHERE sphere_id = $1) AS documents,
              (SELECT count(*)::int FROM stored_objects_pending) AS pending`,
      [sphereId],
    );
    const root = join(t.env.DATA_DIR, 'files', 'documents');
    return { ...row, files: existsSync(root) ? readdirSync(root, { recursive: true }).length : 0 };
  }

  it('refuses a file past the limit with 413 file-too-large, and keeps nothing of it', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    const before = await leftovers(sphere.id);
    const refused = await uploadAs(t, member, sphere.id, samples.pdf(MB + 10)).expect(413);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.type).toBe('file-too-large');
    expect(await leftovers(sphere.id)).toEqual(before);
  });

  it('refuses what would pass the sphere quota (413 quota-exceeded), counting every version kept', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    const first = await uploadAs(t, member, sphere.id, samples.pdf(900_000)).expect(201);
    await t.http
      .post(`/api/v1/documents/${first.body.id}/versions`)
      .set(as(member))
      .attach('file', samples.pdf(900_000), { filename: 'v2.pdf', contentType: 'application/pdf' })
      .expect(201);
    const before = await leftovers(sphere.id);
    const refused = await uploadAs(t, member, sphere.id, samples.pdf(400_000)).expect(413);
    expect(refused.body.type).toBe('quota-exceeded');
    expect(await leftovers(sphere.id)).toEqual(before);
  });

  it('refuses types outside the list, and bytes that are not what was declared (415)', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    const cases = [
      { bytes: samples.png(), type: 'application/pdf', problem: 'file-type-mismatch' },
      { bytes: samples.pdf(), type: 'image/png', problem: 'file-type-mismatch' },
      {
        bytes: Buffer.from('<html><script>alert(1)</script></html>'),
        type: 'text/html',
        problem: 'unsupported-file-type',
      },
      {
        bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
        type: 'image/svg+xml',
        problem: 'unsupported-file-type',
      },
      {
        bytes: Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0]), randomBytes(500)]),
        type: 'application/octet-stream',
        problem: 'unsupported-file-type',
      },
      { bytes: randomBytes(600), type: 'text/plain', problem: 'file-type-mismatch' },
    ];
    const before = await leftovers(sphere.id);
    for (const { bytes, type, problem } of cases) {
      const refused = await uploadAs(t, member, sphere.id, bytes, { name: 'file', type });
      expect([refused.status, refused.body.type, type]).toEqual([415, problem, type]);
    }
    expect(await leftovers(sphere.id)).toEqual(before);
    const text = await uploadAs(t, member, sphere.id, samples.text(), { name: 'notes.txt', type: 'text/plain' });
    expect(text.body).toMatchObject({ mimeType: 'text/plain', name: 'notes.txt' });
  });

  it('stores hostile file names safely renamed: no path, no control character, no device name, 255 characters at most', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    const named = async (name: string) =>
      (await uploadAs(t, member, sphere.id, samples.pdf(100), { name }).expect(201)).body.name;
    expect(await named('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(await named('C:\\Users\\marie\\statuts.pdf')).toBe('statuts.pdf');
    expect(await named('budget\u0007\u001b.pdf')).toBe('budget.pdf');
    expect(await named('CON.pdf')).toBe('_CON.pdf');
    expect(await named('..pdf')).toBe('pdf');
    const long = await named(`${'é'.repeat(400)}.pdf`);
    expect([...long]).toHaveLength(255);
    expect(long.endsWith('.pdf')).toBe(true);
    const refused = await uploadAs(t, member, sphere.id, samples.pdf(100), { name: '../..' }).expect(422);
    expect(refused.body.errors).toEqual([{ field: 'name', message: expect.any(String) }]);
  });

  it('answers a request without a file part, with JSON, or with a broken multipart body with a problem, never a 500', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    const path = `/api/v1/spheres/${sphere.id}/documents`;
    const noFile = await t.http.post(path).set(as(member)).field('folderId', '').expect(422);
    expect(noFile.body.errors).toEqual([{ field: 'file', message: expect.any(String) }]);
    await t.http.post(path).set(as(member)).send({ file: 'x' }).expect(415);
    const broken = await t.http
      .post(path)
      .set(as(member))
      .set('content-type', 'multipart/form-data; boundary=xyz')
      .send('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 truncated');
    expect([400, 415, 422]).toContain(broken.status);
    expect(broken.headers['content-type']).toContain('application/problem+json');
    const badFolder = await uploadAs(t, member, sphere.id, samples.pdf(), { folderId: 'not-a-uuid' }).expect(422);
    expect(badFolder.body.errors).toEqual([{ field: 'folderId', message: expect.any(String) }]);
  });
});
