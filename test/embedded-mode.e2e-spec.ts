import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { userInput } from './factories/users';
import { builtEntry, Child, eventually, freePort, startChild } from './support/processes';

/**
 * `npm start` on a machine with only Node: no DATABASE_URL (embedded PGlite under DATA_DIR),
 * no REDIS_URL (jobs run in-process). The real entry point, restarted to prove data survives.
 */
describe('embedded mode (PGlite, no Redis)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'alveole-embedded-'));
  let api: Child | undefined;
  let base: string;
  let env: Record<string, string>;
  const admin = { email: 'admin@example.org', password: 'admin-password-long' };

  async function start(): Promise<void> {
    api = startChild(process.execPath, [builtEntry('apps/api/src/main.js')], env);
    await eventually(
      async () =>
        (await fetch(`${base}/health/ready`).then(
          (r) => r.status === 200,
          () => false,
        )) || undefined,
      90_000,
      `the embedded api to be ready\n${api.output()}`,
    );
  }

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
    };
    await start();
  }, 120_000);

  afterAll(async () => {
    await api?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (path: string, body: unknown) =>
    fetch(`${base}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const get = (path: string, token: string) =>
    fetch(`${base}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  const send = async (method: string, path: string, token: string, body: unknown) => {
    const response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('registers, logs in, answers /me, runs jobs in-process, and keeps it all across a restart', async () => {
    const input = userInput();
    expect((await post('/auth/register', input)).status).toBe(201);
    const login = await post('/auth/login', { email: input.email, password: input.password });
    expect(login.status).toBe(200);
    const { accessToken, user } = (await login.json()) as { accessToken: string; user: { id: string } };
    expect(await (await get('/me', accessToken)).json()).toMatchObject({ id: user.id, email: input.email });

    const adminLogin = (await (await post('/auth/login', admin)).json()) as { accessToken: string };
    // the registrations' outbox rows are handled by the in-process relay: nothing stays pending
    await eventually(
      async () => {
        const jobs = (await (await get('/admin/jobs', adminLogin.accessToken)).json()) as { pending: number };
        return jobs.pending === 0 ? true : undefined;
      },
      20_000,
      'in-process jobs to run',
    );

    // content on PGlite: a post with a mention (its job runs in-process), the feed and French search
    const mentioned = userInput({ displayName: 'Zoé Martin' });
    const zoe = (await (await post('/auth/register', mentioned)).json()) as {
      user: { id: string };
      accessToken: string;
    };
    const org = await send('POST', '/organisations', adminLogin.accessToken, {
      name: 'Réseau local',
      slug: 'reseau-local',
    });
    const sphere = await send('POST', `/organisations/${String(org.body.id)}/spheres`, adminLogin.accessToken, {
      name: 'Bénévoles',
      kind: 'thematic',
      visibility: 'private',
    });
    const sphereId = String(sphere.body.id);
    for (const id of [user.id, zoe.user.id])
      expect(
        (await send('PUT', `/spheres/${sphereId}/members/${id}`, adminLogin.accessToken, { role: 'member' })).status,
      ).toBe(201);
    const created = await send('POST', `/spheres/${sphereId}/posts`, accessToken, {
      body: 'Les réunions reprennent, @Zoé Martin',
    });
    expect(created).toMatchObject({ status: 201, body: { status: 'published' } });
    const found = (await (await get('/search?q=r%C3%A9union', accessToken)).json()) as {
      items: { post: { id: string } }[];
    };
    expect(found.items.map((hit) => hit.post.id)).toEqual([created.body.id]);
    await eventually(
      async () => {
        const jobs = (await (await get('/admin/jobs', adminLogin.accessToken)).json()) as { pending: number };
        return jobs.pending === 0 ? true : undefined;
      },
      20_000,
      'the mention job to run in-process',
    );
    // its notification, written in-process too: Zoé hears of it as a mention
    const told = (await (await get('/notifications', zoe.accessToken)).json()) as {
      items: { kind: string; subject: { id: string } }[];
      unreadCount: number;
    };
    expect(told.items.map((item) => [item.kind, item.subject.id])).toEqual([['mention', created.body.id]]);
    expect(told.unreadCount).toBe(1);

    // a document on PGlite and the local disk: uploaded (multipart, streamed), then sent back after the restart
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(64 * 1024, 7)]);
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'Statuts.pdf');
    const uploaded = await fetch(`${base}/api/v1/spheres/${sphereId}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const document = (await uploaded.json()) as { id: string; size: number };
    expect(document.size).toBe(bytes.length);

    expect(await api!.stop('SIGTERM')).toBe(0);
    await start();

    const again = await post('/auth/login', { email: input.email, password: input.password });
    expect(again.status).toBe(200);
    const { accessToken: fresh } = (await again.json()) as { accessToken: string };
    expect(await (await get('/me', fresh)).json()).toMatchObject({ id: user.id });
    // the signing secret was generated once under DATA_DIR: a token from before the restart still works
    expect((await get('/me', accessToken)).status).toBe(200);
    const feed = (await (await get(`/spheres/${sphereId}/posts`, fresh)).json()) as { items: { id: string }[] };
    expect(feed.items.map((item) => item.id)).toEqual([created.body.id]);
    const content = await get(`/documents/${document.id}/content`, fresh);
    expect(content.status).toBe(200);
    expect(Buffer.from(await content.arrayBuffer()).equals(bytes)).toBe(true);
  }, 150_000);
});
