import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ExportSweeper } from '@alveole/privacy';
import { createComment, createPost, react, sphereWithPeople } from '../factories/content';
import { samples, sha256, uploadAs } from '../factories/documents';
import { exportsOf, fetchLink, linkFor, readyExport, requestExport, unknownToken, unzip } from '../factories/exports';
import { as, registerUser } from '../factories/structure';
import { TestUser } from '../factories/users';
import { eventually } from '../support/processes';
import { startTestApp, TestApp } from '../support/test-app';

const KINDS = [
  'README.txt',
  'profile.json',
  'memberships.json',
  'posts.json',
  'comments.json',
  'reactions.json',
  'reports.json',
  'notifications.json',
  'preferences.json',
  'sessions.json',
  'audit.json',
  'documents.json',
];

describe('privacy: export of my data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' }, withWorker: true });
  });
  afterAll(() => t.close());

  /** Builds, links and downloads an export of `user`'s data: its entries. */
  const exportOf = async (user: TestUser, exportId: string) => {
    const ready = await eventually(async () => {
      const found = (await exportsOf(t, user)).find((e) => e.id === exportId);
      return found?.status === 'ready' ? found : undefined;
    });
    const link = await linkFor(t, user, ready.id).expect(201);
    const zip = await fetchLink(t, link.body.url).expect(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(zip.headers['content-disposition']).toMatch(/^attachment; filename="my-data-\d{4}-\d{2}-\d{2}\.zip"$/);
    expect(Number(zip.headers['content-length'])).toBe(ready.size);
    return unzip(zip.body as Buffer);
  };
  const archivePath = (exportId: string) => join(t.env.DATA_DIR, 'files', 'exports', exportId);

  it('holds every kind of my data in valid JSON, my uploads byte for byte, and of others nothing but ids', async () => {
    const { sphere, member: me, other, animator } = await sphereWithPeople(t);
    // what the other member writes, in the same sphere, around my content
    const theirPost = await createPost(t, other, sphere.id, 'Their private words about the budget');
    const myPost = await createPost(t, me, sphere.id, 'My first draft');
    await t.http.patch(`/api/v1/posts/${myPost.id}`).set(as(me)).send({ body: 'My final text' }).expect(200);
    const theirComment = await createComment(t, other, myPost.id, 'Their comment under my post');
    const myReply = await createComment(t, me, myPost.id, 'My reply to them', theirComment.id);
    const myComment = await createComment(t, me, theirPost.id, 'My comment on their post');
    await createComment(t, other, theirPost.id, 'Their answer to my comment', myComment.id);
    await react(t, me, theirPost.id, 'like');
    await react(t, other, myPost.id, 'like');
    await t.http
      .post('/api/v1/reports')
      .set(as(me))
      .send({ targetType: 'post', targetId: theirPost.id, reason: 'spam', note: 'My note to the moderators' })
      .expect(201);
    await t.http
      .put(`/api/v1/spheres/${sphere.id}/notification-preference`)
      .set(as(me))
      .send({ level: 'daily_digest' })
      .expect(200);
    await t.http.put('/api/v1/me/notification-settings').set(as(me)).send({ dailyEmailCap: 5 }).expect(200);
    // my upload, then a second version by the animator (theirs: not in my export); their own upload
    const mine = samples.pdf(40_000);
    const uploaded = await uploadAs(t, me, sphere.id, mine, { name: 'Compte rendu d’été.pdf' }).expect(201);
    const animatorsVersion = samples.pdf(3000);
    await t.http
      .post(`/api/v1/documents/${uploaded.body.id}/versions`)
      .set(as(animator))
      .attach('file', animatorsVersion, { filename: 'v2.pdf', contentType: 'application/pdf' })
      .expect(201);
    const theirs = samples.pdf(5000);
    const theirUpload = await uploadAs(t, other, sphere.id, theirs, { name: 'Their file.pdf' }).expect(201);
    // the comment under my post notifies me (through the worker)
    await eventually(async () => {
      const page = await t.http.get('/api/v1/notifications').set(as(me)).expect(200);
      return page.body.items.length > 0 ? true : undefined;
    });

    const asked = await requestExport(t, me).expect(202);
    expect(asked.body).toEqual(expect.objectContaining({ id: asked.body.id, status: 'pending', size: null }));
    expect(Date.parse(asked.body.requestedAt)).not.toBeNaN();
    const entries = await exportOf(me, asked.body.id);

    const files = [...entries.keys()];
    expect(files).toEqual(expect.arrayContaining(KINDS));
    const data: Record<string, any> = {};
    for (const name of KINDS.filter((n) => n.endsWith('.json'))) data[name] = JSON.parse(entries.get(name)!.toString());
    expect(entries.get('README.txt')!.toString()).toContain('comments.json');

    expect(data['profile.json']).toMatchObject({ id: me.id, email: me.email, displayName: me.displayName });
    expect(JSON.stringify(data['profile.json'])).not.toMatch(/hash/i);
    expect(data['memberships.json'].spheres).toEqual([
      expect.objectContaining({ sphereId: sphere.id, role: 'member', status: 'active' }),
    ]);
    expect(data['posts.json']).toEqual([
      expect.objectContaining({
        id: myPost.id,
        body: 'My final text',
        earlierVersions: [expect.objectContaining({ body: 'My first draft' })],
      }),
    ]);
    expect(data['comments.json']).toEqual([
      expect.objectContaining({
        id: myReply.id,
        postId: myPost.id,
        inReplyTo: theirComment.id,
        body: 'My reply to them',
      }),
      expect.objectContaining({ id: myComment.id, postId: theirPost.id, inReplyTo: null }),
    ]);
    expect(data['reactions.json']).toEqual([expect.objectContaining({ postId: theirPost.id, kind: 'like' })]);
    expect(data['reports.json']).toEqual([
      expect.objectContaining({ targetId: theirPost.id, note: 'My note to the moderators' }),
    ]);
    expect(data['notifications.json']).toEqual(
      expect.arrayContaining([expect.objectContaining({ subjectType: 'comment', actorId: other.id })]),
    );
    expect(data['preferences.json']).toMatchObject({
      notificationSettings: { dailyEmailCap: 5 },
      sphereNotificationLevels: [{ sphereId: sphere.id, level: 'daily_digest' }],
    });
    expect(data['sessions.json'].sessions).toEqual([
      expect.objectContaining({ createdAt: expect.any(String), lastUsedAt: expect.any(String) }),
    ]);
    expect(data['audit.json']).toEqual(
      expect.arrayContaining([expect.objectContaining({ targetType: 'membership', targetId: me.id })]),
    );

    // my version's bytes, not the animator's second version, nor the other member's file
    const [document] = data['documents.json'];
    expect(data['documents.json']).toHaveLength(1);
    expect(document).toMatchObject({ documentId: uploaded.body.id, versions: [{ version: 1, sha256: sha256(mine) }] });
    expect(document.versions[0].file).toMatch(new RegExp(`^files/${uploaded.body.id}-v1-[A-Za-z0-9._-]+\\.pdf$`));
    expect(sha256(entries.get(document.versions[0].file)!)).toBe(sha256(mine));
    const hashes = [...entries.values()].map(sha256);
    expect(hashes).not.toContain(sha256(animatorsVersion));
    expect(hashes).not.toContain(sha256(theirs));

    // the other member: ids at most, in every entry
    const planted = [
      other.displayName,
      other.email,
      'Their private words',
      'Their comment under my post',
      'Their answer to my comment',
      'Their file',
    ];
    for (const [name, bytes] of entries) {
      const text = bytes.toString('utf8');
      for (const secret of planted) expect(`${name}: ${text.includes(secret) ? secret : ''}`).toBe(`${name}: `);
    }
    expect(files.some((name) => name.includes(theirUpload.body.id))).toBe(false);
    // no session secret either
    const sessionsText = entries.get('sessions.json')!.toString();
    expect(sessionsText).not.toContain(me.refreshToken);
    expect(sessionsText).not.toMatch(/hash/i);
  });

  it('downloads once through a link that lasts 10 minutes; a second use, an expired or replaced link: 410', async () => {
    const me = await registerUser(t.http);
    const ready = await readyExport(t, me);
    expect(ready).toMatchObject({ size: expect.any(Number), downloadedAt: null });
    expect(Date.parse(ready.expiresAt!) - Date.parse(ready.readyAt!)).toBe(7 * 24 * 3600_000);

    const first = await linkFor(t, me, ready.id).expect(201);
    const lifetime = Date.parse(first.body.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(8 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(10 * 60_000);
    // a newer link ends the first one
    const second = await linkFor(t, me, ready.id).expect(201);
    expect((await fetchLink(t, first.body.url).expect(410)).body.toString()).toContain('export-link-gone');
    // an expired link (its clock moved back in SQL)
    await t.db.query(`UPDATE data_export_links SET expires_at = now() - interval '1 second'`);
    await fetchLink(t, second.body.url).expect(410);

    const third = await linkFor(t, me, ready.id).expect(201);
    const zip = await fetchLink(t, third.body.url).expect(200);
    expect((await unzip(zip.body as Buffer)).has('profile.json')).toBe(true);
    const again = await fetchLink(t, third.body.url).expect(410);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(again.body.toString())).toMatchObject({ status: 410, type: 'export-link-gone' });

    const [listed] = await exportsOf(t, me);
    expect(listed).toMatchObject({ id: ready.id, status: 'downloaded', downloadedAt: expect.any(String) });
    // downloaded: no new link
    expect((await linkFor(t, me, ready.id).expect(409)).body.type).toBe('export-not-ready');
    // an unknown token, a malformed one
    expect(JSON.parse((await fetchLink(t, `/api/v1/exports/${unknownToken()}`).expect(404)).body.toString()).type).toBe(
      'not-found',
    );
    await fetchLink(t, '/api/v1/exports/not-a-token').expect(404);
  });

  it('never links someone else’s export, or one that does not exist', async () => {
    const [me, stranger] = [await registerUser(t.http), await registerUser(t.http)];
    const ready = await readyExport(t, me);
    expect((await linkFor(t, stranger, ready.id).expect(404)).body.type).toBe('not-found');
    await linkFor(t, me, '0190a0a0-0000-7000-8000-000000000000').expect(404);
    await linkFor(t, me, 'nope').expect(404);
    expect(await exportsOf(t, stranger)).toEqual([]);
  });

  it('deletes archives 7 days after they were built, downloaded or not, and keeps younger ones', async () => {
    const me = await registerUser(t.http);
    const old = await readyExport(t, me);
    const young = await readyExport(t, me);
    const link = await linkFor(t, me, old.id).expect(201);
    expect(existsSync(archivePath(old.id))).toBe(true);
    await t.db.query(`UPDATE data_exports SET ready_at = now() - interval '7 days 1 minute' WHERE id = $1`, [old.id]);
    await t.db.query(`UPDATE data_exports SET ready_at = now() - interval '6 days 23 hours' WHERE id = $1`, [young.id]);

    expect(await t.worker!.get(ExportSweeper).sweep()).toEqual({ expired: 1, stuck: 0 });
    expect(existsSync(archivePath(old.id))).toBe(false);
    expect(existsSync(archivePath(young.id))).toBe(true);
    const statuses = Object.fromEntries((await exportsOf(t, me)).map((e) => [e.id, e.status]));
    expect(statuses).toEqual({ [old.id]: 'expired', [young.id]: 'ready' });
    await fetchLink(t, link.body.url).expect(410);
    await linkFor(t, me, old.id).expect(409);
    // a second pass finds nothing more
    expect(await t.worker!.get(ExportSweeper).sweep()).toEqual({ expired: 0, stuck: 0 });
  });

  it('allows one export in progress (409) and three a day (429), and fails one whose job was lost', async () => {
    const me = await registerUser(t.http);
    // an export still being built (its row put there directly: the worker is quick)
    await t.db.query(`INSERT INTO data_exports (id, user_id) VALUES (gen_random_uuid(), $1)`, [me.id]);
    const busy = await requestExport(t, me).expect(409);
    expect(busy.body).toMatchObject({ type: 'export-in-progress', status: 409 });
    expect(busy.headers['content-type']).toMatch(/^application\/problem\+json/);

    // lost for a day: the sweep fails it, which frees the way
    await t.db.query(`UPDATE data_exports SET requested_at = now() - interval '25 hours' WHERE user_id = $1`, [me.id]);
    expect(await t.worker!.get(ExportSweeper).sweep()).toEqual({ expired: 0, stuck: 1 });
    expect((await exportsOf(t, me)).map((e) => e.status)).toEqual(['failed']);

    await readyExport(t, me);
    await readyExport(t, me);
    await readyExport(t, me);
    const limited = await requestExport(t, me).expect(429);
    expect(limited.body.type).toBe('too-many-exports');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(23 * 3600);
    // a day after the oldest of the three, one more is allowed
    await t.db.query(
      `UPDATE data_exports SET requested_at = now() - interval '25 hours'
        WHERE id = (SELECT id FROM data_exports WHERE user_id = $1 AND status = 'ready' ORDER BY requested_at LIMIT 1)`,
      [me.id],
    );
    await requestExport(t, me).expect(202);
  });

  it('refuses anonymous callers', async () => {
    await t.http.post('/api/v1/me/export').expect(401);
    await t.http.get('/api/v1/me/exports').expect(401);
  });
});
