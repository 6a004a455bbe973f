import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { sphereWithPeople, setMembershipStatus } from '../factories/content';
import { download, samples, sha256, uploadAs } from '../factories/documents';
import { as, auditEntries, registerUser } from '../factories/structure';
import { connected, nextEvent, openSocket, subscribe } from '../support/sockets';
import { startTestApp, TestApp } from '../support/test-app';
import { FILE_STORAGE, FileStorage, StorageSweeper } from '@alveole/documents';

describe('documents: upload, download, versions, delete', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' }, withWorker: true });
  });
  afterAll(() => t.close());

  const storedFiles = () => {
    const root = join(t.env.DATA_DIR, 'files', 'documents');
    return existsSync(root) ? readdirSync(root, { recursive: true }).length : 0;
  };

  it('stores an upload with its sniffed type and hash, and lists, shows and sends it back', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const bytes = samples.pdf(50_000);
    const created = await uploadAs(t, member, sphere.id, bytes, { name: 'Statuts 2026.pdf' }).expect(201);
    expect(created.body).toMatchObject({
      sphereId: sphere.id,
      folderId: null,
      name: 'Statuts 2026.pdf',
      size: bytes.length,
      mimeType: 'application/pdf',
      sha256: sha256(bytes),
      version: 1,
      uploadedBy: { id: member.id, displayName: member.displayName },
      removable: true,
    });
    const id = created.body.id as string;
    const seen = await t.http.get(`/api/v1/documents/${id}`).set(as(other)).expect(200);
    expect(seen.body).toMatchObject({ id, removable: false });
    const listed = await t.http.get(`/api/v1/spheres/${sphere.id}/documents`).set(as(other)).expect(200);
    expect(listed.body).toEqual({
      items: [expect.objectContaining({ id, name: 'Statuts 2026.pdf' })],
      nextCursor: null,
    });

    const sent = await download(t, other, id).expect(200);
    expect(sha256(sent.body)).toBe(sha256(bytes));
    expect(sent.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(bytes.length),
      'content-disposition': `attachment; filename="Statuts 2026.pdf"`,
      'x-content-type-options': 'nosniff',
      etag: `"${sha256(bytes)}"`,
      'accept-ranges': 'bytes',
    });
  });

  it('answers a retried upload with the same Idempotency-Key with the first document, and keeps one copy', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    const bytes = samples.pdf(5000);
    const filesBefore = storedFiles();
    const send = (file: Buffer) => uploadAs(t, member, sphere.id, file).set('idempotency-key', 'upload-statuts-1');
    const first = await send(bytes).expect(201);
    const again = await send(bytes).expect(201);
    expect(again.body).toEqual(first.body);
    expect(storedFiles()).toBe(filesBefore + 1);
    const other = await send(samples.pdf(5000)).expect(422);
    expect(other.body.type).toBe('idempotency-key-reused');
    expect(storedFiles()).toBe(filesBefore + 1);
    const listed = await t.http.get(`/api/v1/spheres/${sphere.id}/documents`).set(as(member)).expect(200);
    expect(listed.body.items).toHaveLength(1);
  });

  it('answers ranges (206), an unchanged ETag (304), a range outside the file (416), and HEAD', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    const bytes = samples.pdf(10_000);
    const { body } = await uploadAs(t, member, sphere.id, bytes).expect(201);
    const first = await download(t, member, body.id).set('range', 'bytes=0-99').expect(206);
    expect(first.body.equals(bytes.subarray(0, 100))).toBe(true);
    expect(first.headers['content-range']).toBe(`bytes 0-99/${bytes.length}`);
    const tail = await download(t, member, body.id).set('range', 'bytes=-10').expect(206);
    expect(tail.body.equals(bytes.subarray(bytes.length - 10))).toBe(true);
    const middle = await download(t, member, body.id).set('range', `bytes=5000-`).expect(206);
    expect(middle.body.equals(bytes.subarray(5000))).toBe(true);
    await download(t, member, body.id).set('if-none-match', `"${body.sha256}"`).expect(304);
    const outside = await download(t, member, body.id)
      .set('range', `bytes=${bytes.length + 10}-`)
      .expect(416);
    expect(outside.headers['content-range']).toBe(`bytes */${bytes.length}`);
    const head = await t.http.head(`/api/v1/documents/${body.id}/content`).set(as(member)).expect(200);
    expect(head.headers['content-length']).toBe(String(bytes.length));
  });

  it('keeps every version: a new upload becomes current, older ones stay listed and downloadable', async () => {
    const { sphere, member, animator, other } = await sphereWithPeople(t);
    const first = samples.pdf(3000);
    const second = samples.pdf(4000);
    const { body } = await uploadAs(t, member, sphere.id, first, { name: 'PV.pdf' }).expect(201);
    const next = await t.http
      .post(`/api/v1/documents/${body.id}/versions`)
      .set(as(animator))
      .attach('file', second, { filename: 'PV corrigé.pdf', contentType: 'application/pdf' })
      .expect(201);
    expect(next.body).toMatchObject({
      id: body.id,
      name: 'PV.pdf',
      version: 2,
      size: second.length,
      sha256: sha256(second),
    });
    expect(next.body.uploadedBy.id).toBe(animator.id);
    const versions = await t.http.get(`/api/v1/documents/${body.id}/versions`).set(as(other)).expect(200);
    expect(versions.body.items.map((v: { version: number; sha256: string }) => [v.version, v.sha256])).toEqual([
      [2, sha256(second)],
      [1, sha256(first)],
    ]);
    expect(sha256((await download(t, other, body.id).expect(200)).body)).toBe(sha256(second));
    expect(sha256((await download(t, other, body.id, '?version=1').expect(200)).body)).toBe(sha256(first));
    await download(t, other, body.id, '?version=3').expect(404);
    // someone else's document: another member may read it, not replace it
    await t.http
      .post(`/api/v1/documents/${body.id}/versions`)
      .set(as(other))
      .attach('file', second, { filename: 'x.pdf', contentType: 'application/pdf' })
      .expect(403);
  });

  it('deletes softly: gone for everyone at once, bytes kept for the retention period; an animator’s deletion is audited', async () => {
    const { org, sphere, member, animator, other } = await sphereWithPeople(t);
    const own = await uploadAs(t, member, sphere.id, samples.pdf()).expect(201);
    const theirs = await uploadAs(t, other, sphere.id, samples.pdf()).expect(201);
    const filesBefore = storedFiles();
    await t.http.delete(`/api/v1/documents/${theirs.body.id}`).set(as(member)).expect(403);
    await t.http.delete(`/api/v1/documents/${own.body.id}`).set(as(member)).expect(204);
    await t.http.delete(`/api/v1/documents/${theirs.body.id}`).set(as(animator)).expect(204);
    for (const id of [own.body.id, theirs.body.id]) {
      await t.http.get(`/api/v1/documents/${id}`).set(as(animator)).expect(404);
      await download(t, member, id).expect(404);
    }
    expect(storedFiles()).toBe(filesBefore);
    const audited = await auditEntries(t, org.id, 'document.deleted');
    expect(audited.map((entry) => [entry.actor_id, entry.target_id])).toEqual([[animator.id, theirs.body.id]]);

    // past the retention period, the sweep removes the bytes, then the rows
    const sweeper = t.worker!.get(StorageSweeper);
    await t.db.query(`UPDATE documents SET deleted_at = now() - interval '29 days' WHERE id = $1`, [own.body.id]);
    await t.db.query(`UPDATE documents SET deleted_at = now() - interval '31 days' WHERE id = $1`, [theirs.body.id]);
    expect(await sweeper.sweep()).toEqual({ purged: 1, abandoned: 0 });
    expect(storedFiles()).toBe(filesBefore - 1);
    const rows = await t.db.query(`SELECT id FROM documents WHERE id = ANY($1::uuid[])`, [
      [own.body.id, theirs.body.id],
    ]);
    expect(rows).toEqual([{ id: own.body.id }]);
  });

  it('removes the bytes of an upload that died half-way once it has been pending a day', async () => {
    const storage = t.worker!.get<FileStorage>(FILE_STORAGE);
    const key = `documents/${randomUUID()}`;
    await storage.write(key, Readable.from([samples.pdf(100)]));
    await t.db.query(
      `INSERT INTO stored_objects_pending (storage_key, created_at) VALUES ($1, now() - interval '25 hours')`,
      [key],
    );
    const recent = `documents/${randomUUID()}`;
    await storage.write(recent, Readable.from([samples.pdf(100)]));
    await t.db.query(`INSERT INTO stored_objects_pending (storage_key) VALUES ($1)`, [recent]);
    expect(await t.worker!.get(StorageSweeper).sweep()).toEqual({ purged: 0, abandoned: 1 });
    expect(await storage.stat(key)).toBeNull();
    expect(await storage.stat(recent)).toEqual({ size: expect.any(Number) });
    const pending = await t.db.query(`SELECT storage_key FROM stored_objects_pending WHERE storage_key = ANY($1)`, [
      [key, recent],
    ]);
    expect(pending).toEqual([{ storage_key: recent }]);
  });

  it('shows documents to their sphere only: outsiders get 404 as if nothing existed; muted members read, not upload', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const outsider = await registerUser(t.http);
    const { body } = await uploadAs(t, member, sphere.id, samples.pdf()).expect(201);
    for (const path of [`/documents/${body.id}`, `/documents/${body.id}/content`, `/documents/${body.id}/versions`]) {
      const answer = await t.http.get(`/api/v1${path}`).set(as(outsider)).expect(404);
      expect(answer.body.type).toBe('not-found');
    }
    await t.http.get(`/api/v1/spheres/${sphere.id}/documents`).set(as(outsider)).expect(404);
    await uploadAs(t, outsider, sphere.id, samples.pdf()).expect(404);
    await t.http.delete(`/api/v1/documents/${body.id}`).set(as(outsider)).expect(404);
    await setMembershipStatus(t, sphere.id, other.id, 'muted');
    await download(t, other, body.id).expect(200);
    expect((await uploadAs(t, other, sphere.id, samples.pdf()).expect(403)).body.type).toBe('member-muted');
  });

  it('tells the sphere live: document.created, and document.updated with deleted: true at a deletion', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const socket = await connected(openSocket(t.url, other.accessToken));
    try {
      expect(await subscribe(socket, sphere.id)).toEqual({ ok: true });
      const created = nextEvent(socket, 'document.created');
      const { body } = await uploadAs(t, member, sphere.id, samples.pdf(), { name: 'Live.pdf' }).expect(201);
      expect(await created).toEqual({ ...body, removable: undefined });
      const updated = nextEvent(socket, 'document.updated');
      await t.http.delete(`/api/v1/documents/${body.id}`).set(as(member)).expect(204);
      expect(await updated).toMatchObject({ id: body.id, sphereId: sphere.id, deleted: true });
    } finally {
      socket.disconnect();
    }
  });

  it('pages a folder by name and finds documents by a word of their name', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    for (const name of ['b-rapport.pdf', 'A-budget.pdf', 'c-budget annexe.pdf']) {
      await uploadAs(t, member, sphere.id, samples.pdf(100), { name }).expect(201);
    }
    const first = await t.http.get(`/api/v1/spheres/${sphere.id}/documents?limit=2`).set(as(member)).expect(200);
    expect(first.body.items.map((d: { name: string }) => d.name)).toEqual(['A-budget.pdf', 'b-rapport.pdf']);
    const rest = await t.http
      .get(`/api/v1/spheres/${sphere.id}/documents?limit=2&cursor=${first.body.nextCursor}`)
      .set(as(member))
      .expect(200);
    expect(rest.body).toEqual({ items: [expect.objectContaining({ name: 'c-budget annexe.pdf' })], nextCursor: null });
    const found = await t.http.get(`/api/v1/spheres/${sphere.id}/documents?q=budget`).set(as(member)).expect(200);
    expect(found.body.items.map((d: { name: string }) => d.name)).toEqual(['A-budget.pdf', 'c-budget annexe.pdf']);
  });
});
