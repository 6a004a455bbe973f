import { createPost } from '../factories/content';
import { createOrganisation, createSphere, instanceAdmin, putMember, registerUser } from '../factories/structure';
import { TestUser } from '../factories/users';
import { builtEntry, Child, eventually, freePort, startChild, startRedis } from '../support/processes';
import { startTestApp, TestApp } from '../support/test-app';

const MEMBERS = 50;
const AUTHORS = 5;

/**
 * Notifications survive faults without loss or duplicates (issue 12): a Redis outage while posts are
 * written (the outbox keeps their events), and the worker SIGKILLed in the middle of a fan-out spread
 * over many small jobs (NOTIFY_CHUNK_SIZE=5). This test's own redis-server, never the shared one; the
 * worker is a real process (dist/), as production runs it beside the api.
 */
describe('notifications under faults', () => {
  let t: TestApp;
  let redis: Child;
  let port: number;
  let worker: Child | undefined;
  let members: TestUser[];
  let sphereId: string;

  const startWorker = async () => {
    const child = startChild(process.execPath, [builtEntry('apps/worker/src/main.js')], {
      ...t.env,
      LOG_LEVEL: 'warn',
    });
    // bounds for a machine busy with other test files (a start takes 2–5 s alone), not expectations of speed
    await eventually(() => (child.output().includes('Alveole worker started') ? true : undefined), 60_000, 'worker');
    return child;
  };

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    t = await startTestApp({
      env: {
        REDIS_URL: `redis://127.0.0.1:${port}`,
        NOTIFY_CHUNK_SIZE: '5',
        REGISTER_MAX_PER_HOUR: '1000',
        // a killed worker's jobs and claimed outbox rows are taken over within seconds, not half a minute
        WORKER_LEASE_SECONDS: '2',
      },
    });
    const admin = await instanceAdmin(t);
    const org = await createOrganisation(t, admin);
    sphereId = (await createSphere(t, admin, org.id, { visibility: 'private' })).id;
    members = [];
    for (let i = 0; i < MEMBERS; i += 10) {
      const batch = await Promise.all(Array.from({ length: 10 }, () => registerUser(t.http)));
      await Promise.all(batch.map((member) => putMember(t, admin, sphereId, member.id, 'member')));
      members.push(...batch);
    }
    worker = await startWorker();
  }, 120_000);
  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await t.close();
    await redis.stop();
  });

  /** `count` posts by the first AUTHORS members in turn; gives each member's expected count of them. */
  const postMany = async (count: number) => {
    const ids: string[] = [];
    // each author posts in turn, the five of them at once
    for (let i = 0; i < count; i += AUTHORS) {
      const authors = members.slice(0, AUTHORS);
      ids.push(...(await Promise.all(authors.map((author) => createPost(t, author, sphereId)))).map((p) => p.id));
    }
    const expected = new Map(members.map((m, index) => [m.id, count - (index < AUTHORS ? count / AUTHORS : 0)]));
    return { ids, expected };
  };
  const counts = async (postIds: string[]) => {
    const rows: { user_id: string; n: number }[] = await t.db.query(
      `SELECT user_id, count(*)::int AS n FROM notifications
        WHERE kind = 'post' AND subject_id = ANY($1::uuid[]) GROUP BY user_id`,
      [postIds],
    );
    return new Map(rows.map((row) => [row.user_id, row.n]));
  };
  /** What a timeout reports: the outbox's state and the end of the worker's log. */
  const diagnosis = async () => {
    const outbox = await t.db.query(
      `SELECT count(*)::int AS unsent, count(claimed_until)::int AS claimed, max(attempts) AS attempts,
              max(available_at) AS latest_due, max(last_error) AS error
         FROM outbox WHERE sent_at IS NULL`,
    );
    return `outbox: ${JSON.stringify(outbox[0])}\nworker:\n${(worker?.output() ?? '').slice(-3000)}`;
  };
  /** Waits until every member has exactly the expected count, then checks nothing is there twice. */
  const allNotified = async (postIds: string[], expected: Map<string, number>) => {
    const total = [...expected.values()].reduce((a, b) => a + b, 0);
    let written = 0; // said on a timeout: a slow relay and a stuck one fail differently
    await eventually(
      async () => {
        written = [...(await counts(postIds)).values()].reduce((a, b) => a + b, 0);
        return written >= total ? true : undefined;
      },
      90_000,
      `${total} notifications`,
    ).catch(async (error: Error) => {
      throw new Error(`${error.message} (${written} written)\n${await diagnosis()}`);
    });
    expect(Object.fromEntries(await counts(postIds))).toEqual(Object.fromEntries(expected));
    const [row] = await t.db.query(
      `SELECT count(*)::int AS total, count(DISTINCT (user_id, event_id))::int AS by_event,
              count(DISTINCT (user_id, subject_id))::int AS by_post
         FROM notifications WHERE subject_id = ANY($1::uuid[])`,
      [postIds],
    );
    expect(row).toEqual({ total, by_event: total, by_post: total });
  };

  it('loses and repeats nothing when Redis is down while 200 posts are written', async () => {
    await redis.stop();
    const { ids, expected } = await postMany(200);
    redis = await startRedis(port);
    await allNotified(ids, expected);
  }, 120_000);

  it('loses and repeats nothing when the worker is killed in the middle of a fan-out', async () => {
    // the events wait in the outbox while no worker runs; the next worker then has ~1,000 chunk jobs to do
    await worker!.stop('SIGKILL');
    const { ids, expected } = await postMany(50);
    const total = [...expected.values()].reduce((a, b) => a + b, 0);
    worker = await startWorker();
    await eventually(
      async () => ([...(await counts(ids)).values()].some((n) => n > 0) ? true : undefined),
      60_000,
      'the fan-out under way',
    );
    await worker.stop('SIGKILL');
    const written = [...(await counts(ids)).values()].reduce((a, b) => a + b, 0);
    expect(written).toBeLessThan(total);
    worker = await startWorker();
    await allNotified(ids, expected);
  }, 240_000);
});
