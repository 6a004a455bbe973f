import { Response } from 'supertest';
import { createOrganisation, createSphere, instanceAdmin, putMember } from '../factories/structure';
import { registerUser, TestUser, userInput } from '../factories/users';
import { counterValue } from '../support/metrics';
import { Child, eventually, freePort, startRedis } from '../support/processes';
import { connected, openSocket, subscribe } from '../support/sockets';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Redis is a cache of the request path, not a dependency of it: with the app's Redis stopped (its
 * own redis-server, never the shared one), people sign up, sign in, post and read; rate limits
 * count in the node's memory; readiness says 503; nothing answers 5xx.
 */
describe('with Redis down', () => {
  let redisPort: number;
  let redis: Child;
  let t: TestApp;
  let admin: TestUser;
  let member: TestUser;
  let sphereId: string;
  const statuses: { call: string; status: number }[] = [];

  /** Every answer of this file goes through here, so the last test can check none was a 5xx. */
  const seen = (call: string) => (response: Response) => {
    statuses.push({ call, status: response.status });
    return response;
  };
  const bearer = (user: TestUser) => ({ authorization: `Bearer ${user.accessToken}` });

  beforeAll(async () => {
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    t = await startTestApp({
      env: { REDIS_URL: `redis://127.0.0.1:${redisPort}`, LOGIN_MAX_FAILURES: '3', REGISTER_MAX_PER_HOUR: '50' },
    });
    admin = await instanceAdmin(t);
    const org = await createOrganisation(t, admin);
    sphereId = (await createSphere(t, admin, org.id)).id;
    member = await registerUser(t.http);
    await putMember(t, admin, sphereId, member.id, 'member');
    await putMember(t, admin, sphereId, admin.id, 'animator');
    await t.http.get('/health/ready').expect(200);
    await redis.stop('SIGKILL');
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await redis?.stop('SIGKILL');
  });

  it('says so on /health/ready (503) while /health/live stays 200', async () => {
    const ready = await eventually(async () => {
      const response = seen('ready')(await t.http.get('/health/ready'));
      return response.status === 503 ? response : undefined;
    }, 10_000);
    expect(ready.body).toMatchObject({ type: 'service-unavailable', checks: { redis: { status: 'down' } } });
    seen('live')(await t.http.get('/health/live').expect(200));
  });

  it('registers and logs in, counting the limits in memory (with a metric), never opening them', async () => {
    const input = userInput();
    seen('register')(await t.http.post('/api/v1/auth/register').send(input).expect(201));
    const credentials = { email: input.email, password: input.password };
    seen('login')(await t.http.post('/api/v1/auth/login').send(credentials).expect(200));
    for (let i = 0; i < 3; i += 1)
      seen('failed login')(
        await t.http.post('/api/v1/auth/login').send({ email: input.email, password: 'wrong-password' }).expect(401),
      );
    const locked = seen('locked')(await t.http.post('/api/v1/auth/login').send(credentials).expect(429));
    expect(locked.body.type).toBe('too-many-failed-logins');
    expect(await counterValue(t, 'rate_limit_redis_fallbacks_total')).toBeGreaterThanOrEqual(6);
  });

  it('posts, comments, reacts, reads, searches and keeps the jobs in the outbox', async () => {
    const backlog = async () =>
      ((await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`)) as { n: number }[])[0].n;
    const before = await backlog();
    const socket = await connected(openSocket(t.url, member.accessToken));
    expect(await subscribe(socket, sphereId)).toEqual({ ok: true });
    const post = seen('post')(
      await t.http
        .post(`/api/v1/spheres/${sphereId}/posts`)
        .set(bearer(member))
        .send({ body: 'Hello @' + admin.displayName + ' despite the outage' })
        .expect(201),
    );
    socket.disconnect();
    seen('comment')(
      await t.http
        .post(`/api/v1/posts/${post.body.id}/comments`)
        .set(bearer(member))
        .send({ body: 'Seen' })
        .expect(201),
    );
    seen('react')(await t.http.put(`/api/v1/posts/${post.body.id}/reactions/like`).set(bearer(member)).expect(200));
    const feed = seen('feed')(await t.http.get(`/api/v1/spheres/${sphereId}/posts`).set(bearer(member)).expect(200));
    expect(feed.body.items.map((p: { id: string }) => p.id)).toEqual([post.body.id]);
    seen('home')(await t.http.get('/api/v1/feed').set(bearer(member)).expect(200));
    seen('read')(await t.http.get(`/api/v1/posts/${post.body.id}`).set(bearer(member)).expect(200));
    const found = seen('search')(await t.http.get('/api/v1/search?q=outage').set(bearer(member)).expect(200));
    expect(found.body.items).toHaveLength(1);
    seen('me')(await t.http.get('/api/v1/me').set(bearer(member)).expect(200));
    // the mention's job waits in the outbox for a worker and a Redis to take it
    expect(await backlog()).toBeGreaterThan(before);
  });

  it('comes back when Redis does, and never answered 5xx', async () => {
    redis = await startRedis(redisPort);
    await eventually(async () => (seen('ready')(await t.http.get('/health/ready')).status === 200 ? true : undefined));
    seen('login')(
      await t.http.post('/api/v1/auth/login').send({ email: member.email, password: member.password }).expect(200),
    );
    // readiness is meant to say 503; nothing else may answer 5xx
    expect(statuses.filter((s) => s.status >= 500 && s.call !== 'ready')).toEqual([]);
    expect(statuses.filter((s) => s.call !== 'ready').length).toBeGreaterThan(10);
  });
});
