import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { registerUser } from '../factories/users';
import { counterValue } from '../support/metrics';
import { startTestApp, TestApp } from '../support/test-app';

const LOGIN = '/api/v1/auth/login';
const verifications = (t: TestApp) => counterValue(t, 'password_verifications_total');
const statusCounts = (answers: { status: number }[]) =>
  answers.reduce<Record<number, number>>((counts, a) => ({ ...counts, [a.status]: (counts[a.status] ?? 0) + 1 }), {});

describe.each([
  ['in Redis', {}],
  ['in memory (no Redis)', { REDIS_URL: '' }],
])('login limits counted %s', (_where, storage) => {
  describe('one account', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { ...storage, LOGIN_MAX_FAILURES: '5', LOGIN_MAX_FAILURES_PER_IP: '1000' } });
    });
    afterAll(() => t.close());

    it('checks 5 passwords (LOGIN_MAX_FAILURES) of 200 parallel wrong guesses, and refuses the rest', async () => {
      const user = await registerUser(t.http);
      const before = await verifications(t);
      const answers = await Promise.all(
        Array.from({ length: 200 }, () => t.http.post(LOGIN).send({ email: user.email, password: 'wrong-password' })),
      );
      expect(await verifications(t)).toBe(before + 5);
      expect(statusCounts(answers)).toEqual({ 401: 5, 429: 195 });
      // locked, even with the right password
      await t.http.post(LOGIN).send({ email: user.email, password: user.password }).expect(429);
    });
  });

  describe('one IP, many e-mails', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { ...storage, LOGIN_MAX_FAILURES: '5', LOGIN_MAX_FAILURES_PER_IP: '20' } });
    });
    afterAll(() => t.close());

    it('checks 20 passwords (LOGIN_MAX_FAILURES_PER_IP) of 200 parallel guesses on 200 e-mails', async () => {
      const user = await registerUser(t.http);
      const before = await verifications(t);
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          t.http.post(LOGIN).send({ email: `stuffed-${i}@example.org`, password: 'leaked-password-1' }),
        ),
      );
      expect(await verifications(t)).toBe(before + 20);
      expect(statusCounts(answers)).toEqual({ 401: 20, 429: 180 });
      const refused = answers.find((a) => a.status === 429)!;
      expect(refused.body.type).toBe('too-many-failed-logins');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // the IP is refused whatever the account
      await t.http.post(LOGIN).send({ email: user.email, password: user.password }).expect(429);
    });
  });
});

describe('login attempts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_MAX_FAILURES: '5', LOGIN_MAX_FAILURES_PER_IP: '3' } });
  });
  afterAll(() => t.close());

  it('cost one password verification whether the e-mail exists or not', async () => {
    const user = await registerUser(t.http);
    const start = await verifications(t);
    await t.http.post(LOGIN).send({ email: `nobody-${randomBytes(3).toString('hex')}@example.org`, password: 'x' });
    const afterUnknown = await verifications(t);
    await t.http.post(LOGIN).send({ email: user.email, password: user.password }).expect(200);
    expect(afterUnknown - start).toBe(1);
    expect((await verifications(t)) - afterUnknown).toBe(1);
  });

  it('count failures per IP, not successes', async () => {
    const user = await registerUser(t.http);
    for (let i = 0; i < 6; i += 1)
      await t.http.post(LOGIN).send({ email: user.email, password: user.password }).expect(200);
    // the first test left one failure from this IP: two more reach LOGIN_MAX_FAILURES_PER_IP (3)
    await t.http.post(LOGIN).send({ email: user.email, password: 'wrong-password' }).expect(401);
    await t.http.post(LOGIN).send({ email: user.email, password: 'wrong-password' }).expect(401);
    await t.http.post(LOGIN).send({ email: user.email, password: user.password }).expect(429);
  });

  it('are counted under keyed hashes: Redis holds neither the e-mail nor the IP', async () => {
    const redis = new IORedis(t.config.redisUrl!, { maxRetriesPerRequest: 1 });
    try {
      const keys = await redis.keys(`${t.config.redisPrefix}:attempts:*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        expect(key).not.toMatch(/@|example\.org|127\.0\.0\.1|::1/);
      }
    } finally {
      redis.disconnect();
    }
  });
});
