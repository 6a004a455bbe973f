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

    expect(await api!.stop('SIGTERM')).toBe(0);
    await start();

    const again = await post('/auth/login', { email: input.email, password: input.password });
    expect(again.status).toBe(200);
    const { accessToken: fresh } = (await again.json()) as { accessToken: string };
    expect(await (await get('/me', fresh)).json()).toMatchObject({ id: user.id });
    // the signing secret was generated once under DATA_DIR: a token from before the restart still works
    expect((await get('/me', accessToken)).status).toBe(200);
  }, 150_000);
});
