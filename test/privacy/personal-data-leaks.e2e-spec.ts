import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import request from 'supertest';
import { createComment, createPost } from '../factories/content';
import { as, createOrganisation, createSphere, instanceAdmin, putMember } from '../factories/structure';
import { registerUser, TestUser } from '../factories/users';
import { builtEntry, Child, eventually, freePort, startChild } from '../support/processes';
import { TEST_REDIS_URL } from '../support/services';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { createTestDatabase } from '../support/test-database';
import type { TestApp } from '../support/test-app';

/**
 * Minimisation (issue 15): the real api and worker processes, logging at debug level, go through what
 * members do (posts, mentions, comments, reactions, reports, failed sign-ins, e-mail notifications); then
 * the logs of both, every Redis key and value under the instance's prefix, and every outbox payload (the
 * job payloads) are searched for the people's e-mail addresses and display names. Ids only are allowed.
 */
describe('personal data stays out of logs, Redis and job payloads', () => {
  const tag = randomBytes(3).toString('hex');
  const prefix = `leak-${tag}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'alveole-leaks-'));
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: Pool;
  let smtp: SmtpSink;
  let api: Child;
  let worker: Child;
  let t: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url, max: 2 });
    smtp = await startSmtpSink();
    const port = await freePort();
    const env = {
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      ...database.env,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'debug',
      OUTBOX_POLL_MS: '200',
      REGISTER_MAX_PER_HOUR: '1000',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    };
    api = startChild(process.execPath, [builtEntry('apps/api/src/main.js')], env);
    worker = startChild(process.execPath, [builtEntry('apps/worker/src/main.js')], { ...env, PORT: '0' });
    const base = `http://127.0.0.1:${port}`;
    await eventually(
      async () =>
        (await fetch(`${base}/health/ready`).then(
          (r) => r.ok,
          () => false,
        )) || undefined,
      60_000,
      `the api\n${api.output()}`,
    );
    const db = { query: (sql: string, params?: unknown[]) => pool.query(sql, params).then((r) => r.rows) };
    t = { http: request(base), db } as unknown as TestApp;
  }, 90_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await pool?.end();
    await smtp?.close();
    await database?.drop();
    const redis = new IORedis(TEST_REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Every key under the prefix with its value, whatever its type, as text. */
  async function redisDump(): Promise<string[]> {
    const redis = new IORedis(TEST_REDIS_URL);
    try {
      const keys = await redis.keys(`${prefix}*`);
      const dump: string[] = [];
      for (const key of keys) {
        const type = await redis.type(key);
        const value =
          type === 'string'
            ? await redis.get(key)
            : type === 'hash'
              ? await redis.hgetall(key)
              : type === 'list'
                ? await redis.lrange(key, 0, -1)
                : type === 'set'
                  ? await redis.smembers(key)
                  : type === 'zset'
                    ? await redis.zrange(key, 0, -1)
                    : type === 'stream'
                      ? await redis.xrange(key, '-', '+')
                      : null;
        dump.push(`${key} ${JSON.stringify(value)}`);
      }
      return dump;
    } finally {
      redis.disconnect();
    }
  }

  it('finds no e-mail address or display name of the people involved, only their ids', async () => {
    const person = (name: string) => ({
      displayName: `${name} Quatrecanards-${tag}`,
      email: `${name.toLowerCase()}.${tag}@leakcheck.example`,
    });
    const admin = await instanceAdmin(t);
    const [animator, member, other] = await Promise.all(
      ['Zéphyrine', 'Anatole', 'Berthe'].map((name) => registerUser(t.http, person(name))),
    );
    const people: TestUser[] = [admin, animator, member, other];
    const org = await createOrganisation(t, admin);
    const sphere = await createSphere(t, admin, org.id, { visibility: 'private', name: `Lieu ${tag}` });
    await putMember(t, admin, sphere.id, animator.id, 'animator');
    await putMember(t, admin, sphere.id, member.id, 'member');
    await putMember(t, admin, sphere.id, other.id, 'member');

    const post = await createPost(t, member, sphere.id, `Rendez-vous samedi, @${other.displayName}`);
    await createComment(t, other, post.id, 'Merci !');
    await t.http.put(`/api/v1/posts/${post.id}/reactions/like`).set(as(animator)).expect(200);
    await t.http
      .post('/api/v1/reports')
      .set(as(other))
      .send({ targetType: 'post', targetId: post.id, reason: 'spam' })
      .expect(201);
    for (let i = 0; i < 3; i++) {
      await t.http
        .post('/api/v1/auth/login')
        .send({ email: member.email, password: 'wrong-password-here' })
        .expect(401);
    }
    await t.http
      .patch('/api/v1/me/profile')
      .set(as(member))
      .send({ displayName: `${member.displayName} bis` })
      .expect(200);

    // the worker has handled every event (notifications written, e-mails sent)
    await eventually(
      async () => {
        const { rows } = await pool.query(
          `SELECT count(*)::int AS waiting FROM outbox WHERE sent_at IS NULL AND available_at <= now()`,
        );
        return rows[0].waiting === 0 ? true : undefined;
      },
      30_000,
      'the outbox to drain',
    );
    await eventually(
      () => (smtp.to(animator.email).length > 0 ? true : undefined),
      20_000,
      'an e-mail to the animator',
    );

    const logs = `${api.output()}\n${worker.output()}`;
    const redis = (await redisDump()).join('\n');
    const { rows } = await pool.query(`SELECT event_name, payload::text AS payload, live::text AS live FROM outbox`);
    const payloads = rows.map((row) => `${row.event_name} ${row.payload} ${row.live ?? ''}`).join('\n');

    // the places searched are not empty: ids are there, which is what they should hold
    expect(logs).toContain(member.id);
    expect(redis.split('\n').length).toBeGreaterThan(3);
    expect(payloads).toContain(post.id);

    const secrets = people.flatMap((p) => [p.email, p.displayName, `${p.displayName} bis`]);
    const found = (text: string) => secrets.filter((secret) => text.toLowerCase().includes(secret.toLowerCase()));
    expect({ logs: found(logs), redis: found(redis), jobPayloads: found(payloads) }).toEqual({
      logs: [],
      redis: [],
      jobPayloads: [],
    });
  }, 120_000);
});
