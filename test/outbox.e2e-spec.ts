import { registerUser } from './factories/users';
import { builtEntry, Child, eventually, freePort, startChild, startRedis } from './support/processes';
import { startTestApp, TestApp } from './support/test-app';

interface OutboxRow {
  id: string;
  sent_at: Date | null;
  attempts: number;
  last_error: string | null;
}

/**
 * The durability promise of DESIGN.md §1 with the production topology: the api writes the change
 * and its outbox row in one transaction; a separate worker process relays it to BullMQ and runs the
 * handler exactly once, even when Redis is down at write time and comes back later.
 */
describe('outbox → BullMQ → worker', () => {
  let t: TestApp;
  let redis: Child;
  let worker: Child;
  let redisPort: number;

  const outboxRowOf = async (userId: string) =>
    (
      (await t.db.query(`SELECT id, sent_at, attempts, last_error FROM outbox WHERE payload->>'userId' = $1`, [
        userId,
      ])) as OutboxRow[]
    )[0];
  const securityEventsOf = async (userId: string) =>
    (await t.db.query(`SELECT kind FROM security_events WHERE user_id = $1`, [userId])) as { kind: string }[];
  const runsOf = async (outboxId: string) =>
    Number(
      (
        (await t.db.query(`SELECT count(*)::int AS n FROM processed_jobs WHERE outbox_id = $1`, [outboxId])) as {
          n: number;
        }[]
      )[0].n,
    );

  /** The user's outbox row once a relay pass has failed on it (Redis stopped). */
  const failedRowOf = (userId: string) =>
    eventually(
      async () => ((await outboxRowOf(userId))?.last_error ? outboxRowOf(userId) : undefined),
      20_000,
      'the relay to fail against the stopped Redis',
    );
  /** Starts Redis again on its port and waits for the user's event to reach its handler. */
  const restartRedisAndAwaitDelivery = async (userId: string) => {
    redis = await startRedis(redisPort);
    return eventually(
      async () => ((await securityEventsOf(userId)).length > 0 ? securityEventsOf(userId) : undefined),
      45_000,
      'delivery after Redis restarted',
    );
  };

  beforeAll(async () => {
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    t = await startTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${redisPort}` } });
    worker = startChild(process.execPath, [builtEntry('apps/worker/src/main.js')], { ...t.env, LOG_LEVEL: 'warn' });
    await eventually(
      () => (worker.output().includes('worker started') ? true : undefined),
      30_000,
      'the worker to start',
    );
  });

  afterAll(async () => {
    const code = await worker?.stop();
    await t?.close();
    await redis?.stop();
    expect(code).toBe(0); // graceful shutdown on SIGTERM
  });

  it('handles an event written in a request transaction exactly once', async () => {
    const user = await registerUser(t.http);
    const events = await eventually(async () =>
      (await securityEventsOf(user.id)).length > 0 ? securityEventsOf(user.id) : undefined,
    );
    expect(events).toEqual([{ kind: 'account.created' }]);
    const row = await eventually(async () =>
      (await outboxRowOf(user.id))?.sent_at ? outboxRowOf(user.id) : undefined,
    );
    expect(await runsOf(row.id)).toBe(1);
  });

  it('runs a re-dispatched row no second time', async () => {
    const user = await registerUser(t.http);
    const row = await eventually(async () =>
      (await outboxRowOf(user.id))?.sent_at ? outboxRowOf(user.id) : undefined,
    );
    // as if the relay had crashed after handing the job over but before marking it sent
    await t.db.query(`UPDATE outbox SET sent_at = NULL, claimed_until = NULL, available_at = now() WHERE id = $1`, [
      row.id,
    ]);
    await eventually(async () => ((await outboxRowOf(user.id))?.sent_at ? true : undefined), 20_000, 'the re-dispatch');
    expect(await runsOf(row.id)).toBe(1);
    expect(await securityEventsOf(user.id)).toEqual([{ kind: 'account.created' }]);
  });

  it('keeps the event while Redis is down and delivers it once Redis is back', async () => {
    await redis.stop('SIGKILL');
    const user = await registerUser(t.http); // the write does not need Redis
    const failed = await failedRowOf(user.id);
    expect(failed.sent_at).toBeNull();
    expect(await securityEventsOf(user.id)).toEqual([]);

    expect(await restartRedisAndAwaitDelivery(user.id)).toEqual([{ kind: 'account.created' }]);
    const row = await eventually(async () =>
      (await outboxRowOf(user.id))?.sent_at ? outboxRowOf(user.id) : undefined,
    );
    expect(row.attempts).toBe(1); // the passes that met the stopped Redis were not the event's failures
    expect(await runsOf(row.id)).toBe(1);
  });

  it('delivers an event however long Redis was down (an outage never gives it up)', async () => {
    await redis.stop('SIGKILL');
    const user = await registerUser(t.http);
    const { id } = await failedRowOf(user.id);
    // as if every allowed attempt but one had met the outage (a pass holding the row gives its claim back)
    await t.db.query(
      `UPDATE outbox SET attempts = 24 + (claimed_until IS NOT NULL)::int, last_error = NULL WHERE id = $1`,
      [id],
    );
    const afterPass = await eventually(
      async () => {
        const [row] = (await t.db.query(
          `SELECT attempts - (claimed_until IS NOT NULL)::int AS attempts, available_at <= now() AS due
             FROM outbox WHERE id = $1 AND last_error IS NOT NULL`,
          [id],
        )) as { attempts: number; due: boolean }[];
        return row;
      },
      20_000,
      'another pass against the stopped Redis',
    );
    expect(afterPass).toEqual({ attempts: 24, due: true });

    expect(await restartRedisAndAwaitDelivery(user.id)).toEqual([{ kind: 'account.created' }]);
  });
});
