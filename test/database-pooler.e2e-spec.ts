import { Client, Pool, PoolClient } from 'pg';
import { Socket } from 'node:net';
import { DatabasePool } from '@alveole/core';
import { createPost, sphereWithPeople } from './factories/content';
import { as } from './factories/structure';
import { PGBOUNCER_WANTED, pgbouncerShow } from './support/pgbouncer';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Behind PgBouncer in transaction mode (CI runs the e2e suite so, ALVEOLE_TEST_PGBOUNCER=1) a named
 * statement prepared on one server session is missing on the next: the apps then send none.
 */
interface Session {
  /** The app's end of its connection. */
  localPort: number;
  /** The peer the PostgreSQL backend sees: the app itself, or PgBouncer. */
  backendPeerPort: number;
  backendPid: number;
  statements: string[];
}

/**
 * Every server session the app's pool reaches, each held in a transaction at once so that PgBouncer
 * hands each to another server connection, with the named statements prepared on it. PgBouncer may
 * have opened more server connections than the pool has clients (one launched for a waiting client
 * that another freed): clients of the test's own cover those.
 */
async function appSessions(t: TestApp): Promise<Session[]> {
  const pool = t.app.get(DatabasePool).get() as unknown as Pool;
  const servers = PGBOUNCER_WANTED ? await pgbouncerServers(t) : [];
  const extra = Math.max(0, servers.length - t.config.databasePoolSize);
  const own = Array.from({ length: extra }, () => new Client({ connectionString: t.config.databaseUrl }));
  await Promise.all(own.map((client) => client.connect()));
  const clients = await Promise.all(Array.from({ length: t.config.databasePoolSize }, () => pool.connect()));
  const all = [...clients, ...own];
  try {
    await Promise.all(all.map((client) => client.query('BEGIN')));
    const sessions = await Promise.all(all.map(sessionOf));
    const unseen = servers.filter((pid) => pid > 0 && !sessions.some((s) => s.backendPid === pid));
    if (unseen.length > 0) throw new Error(`${unseen.length} of PgBouncer's server sessions were not reached`);
    return sessions.slice(0, clients.length);
  } finally {
    await Promise.all(all.map((client) => client.query('ROLLBACK')));
    for (const client of clients) client.release();
    await Promise.all(own.map((client) => client.end()));
  }
}

/** The backend pids of PgBouncer's server connections to this app's database (0: still connecting). */
async function pgbouncerServers(t: TestApp): Promise<number[]> {
  const rows = await pgbouncerShow('SERVERS');
  return rows.filter((row) => row.database === databaseName(t)).map((row) => Number(row.remote_pid));
}

/** One client's server session, inside the transaction that holds it. */
async function sessionOf(client: PoolClient | Client): Promise<Session> {
  const { rows } = await client.query<{ port: number; pid: number; statements: string[] }>(
    `SELECT inet_client_port() AS port, pg_backend_pid() AS pid,
            ARRAY(SELECT name FROM pg_prepared_statements ORDER BY name) AS statements`,
  );
  const socket = (client as unknown as { connection: { stream: Socket } }).connection.stream;
  return {
    localPort: socket.localPort!,
    backendPeerPort: rows[0].port,
    backendPid: rows[0].pid,
    statements: rows[0].statements,
  };
}

const databaseName = (t: TestApp) => new URL(t.config.databaseDirectUrl!).pathname.slice(1);

/** GET /me and the home feed of a member of a sphere with a post: the hot read paths. */
async function readHotRoutes(t: TestApp): Promise<void> {
  const { sphere, member, animator } = await sphereWithPeople(t);
  await createPost(t, animator, sphere.id);
  // twice: a route's first call loads the user row alone, the next ones with the profile ('caller')
  for (let call = 0; call < 2; call++) {
    await t.http.get('/api/v1/me').set(as(member)).expect(200);
    const feed = await t.http.get('/api/v1/feed').set(as(member)).expect(200);
    expect(feed.body.items).toHaveLength(1);
  }
}

describe('the database path of the run (through PgBouncer when ALVEOLE_TEST_PGBOUNCER=1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { DATABASE_PREPARED_STATEMENTS: 'false' } });
    await readHotRoutes(t);
  });
  afterAll(() => t?.close());

  it('leaves no named statement in any session after the hot routes', async () => {
    const sessions = await appSessions(t);
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.flatMap((s) => s.statements)).toEqual([]);
  });

  it('reaches PostgreSQL through PgBouncer exactly when the run asks for it', async () => {
    const sessions = await appSessions(t);
    const clientPorts = PGBOUNCER_WANTED
      ? (await pgbouncerShow('CLIENTS')).filter((row) => row.database === databaseName(t)).map((row) => row.port)
      : [];
    expect(
      sessions.map((s) => ({
        direct: s.backendPeerPort === s.localPort,
        pgbouncerClient: clientPorts.includes(s.localPort),
      })),
    ).toEqual(sessions.map(() => ({ direct: !PGBOUNCER_WANTED, pgbouncerClient: PGBOUNCER_WANTED })));
  });
});

describe('straight to PostgreSQL with prepared statements on (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ direct: true });
    await readHotRoutes(t);
  });
  afterAll(() => t?.close());

  it('keeps the hot routes’ named statements in the sessions that ran them', async () => {
    const sessions = await appSessions(t);
    expect(sessions.every((s) => s.backendPeerPort === s.localPort)).toBe(true);
    expect([...new Set(sessions.flatMap((s) => s.statements))]).toEqual(
      expect.arrayContaining(['access-profile', 'caller', 'feed-home-first-21', 'me-names', 'principal']),
    );
  });
});
