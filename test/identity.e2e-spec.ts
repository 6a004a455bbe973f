import { Algorithm, hash } from '@node-rs/argon2';
import { registerUser, userInput } from './factories/users';
import { startTestApp, TestApp } from './support/test-app';

describe('identity', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        ADMIN_EMAIL: 'Root@Example.org',
        ADMIN_PASSWORD: 'root-password-long',
        LOGIN_MAX_FAILURES: '5',
        REGISTER_MAX_PER_HOUR: '1000',
      },
    });
  });
  afterAll(() => t.close());

  it('registers, logs in with any e-mail casing and answers /me', async () => {
    const input = userInput({ email: 'Grace.Hopper@Example.org' });
    const registered = await t.http.post('/api/v1/auth/register').send(input).expect(201);
    expect(registered.body.user).toEqual({
      id: expect.any(String),
      email: 'grace.hopper@example.org',
      username: null,
      displayName: input.displayName,
      instanceRole: null,
    });
    expect(registered.body.user).not.toHaveProperty('passwordHash');

    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ email: ' GRACE.hopper@example.org ', password: input.password })
      .expect(200);
    const me = await t.http.get('/api/v1/me').set('authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({
      id: registered.body.user.id,
      email: 'grace.hopper@example.org',
      organisations: [],
      spheres: [],
    });
  });

  it("replaces a hash made under weaker settings at the next login, and keeps one as strong as today's", async () => {
    const user = await registerUser(t.http);
    const weak = await hash(user.password, { algorithm: Algorithm.Argon2id, memoryCost: 8, timeCost: 1 });
    await t.db.query('UPDATE users SET password_hash = $1 WHERE id = $2', [weak, user.id]);
    const storedHash = async () =>
      ((await t.db.query('SELECT password_hash FROM users WHERE id = $1', [user.id])) as { password_hash: string }[])[0]
        .password_hash;

    await t.http.post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(200);
    const renewed = await storedHash();
    expect(renewed).toMatch(/^\$argon2id\$v=19\$m=64,t=1,p=1\$/); // NODE_ENV=test's cost, above m=8
    await t.http.post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(200);
    expect(await storedHash()).toBe(renewed);
  });

  it('refuses a second account with the same e-mail, whatever its casing', async () => {
    const user = await registerUser(t.http);
    const response = await t.http
      .post('/api/v1/auth/register')
      .send(userInput({ email: user.email.toUpperCase() }))
      .expect(409);
    expect(response.body.type).toBe('email-taken');
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('rotates refresh tokens, and a reused one revokes its whole family', async () => {
    const user = await registerUser(t.http);
    const first = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
    expect(first.body.refreshToken).not.toBe(user.refreshToken);
    const second = await t.http
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: first.body.refreshToken })
      .expect(200);

    const reuse = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    expect(reuse.body.type).toBe('refresh-token-reused');
    // the newest token of the family no longer works either
    const revoked = await t.http
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: second.body.refreshToken })
      .expect(401);
    expect(revoked.body.type).toBe('invalid-refresh-token');

    // another login (another family) is untouched
    const other = await t.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: other.body.refreshToken }).expect(200);
  });

  it('logout ends the session family', async () => {
    const user = await registerUser(t.http);
    await t.http.post('/api/v1/auth/logout').send({ refreshToken: user.refreshToken }).expect(204);
    const after = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    expect(after.body.type).toBe('invalid-refresh-token');
  });

  it('ends a login signed out with two of its tokens at once (an offline sign-out and a late answer), never a 500', async () => {
    for (let round = 0; round < 40; round += 1) {
      const user = await registerUser(t.http);
      const rotated = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
      const tokens = [user.refreshToken, rotated.body.refreshToken as string];
      const statuses = await Promise.all(
        [...tokens, ...tokens].map((refreshToken) => t.http.post('/api/v1/auth/logout').send({ refreshToken })),
      );
      expect(statuses.map((answer) => answer.status)).toEqual([204, 204, 204, 204]);
      const live = await t.db.query(
        `SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL`,
        [user.id],
      );
      expect(live[0].n).toBe(0);
    }
  });

  it('answers the 6th failed login for an account and IP with 429, even with the right password', async () => {
    const user = await registerUser(t.http);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const failed = await t.http
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: 'wrong-password' })
        .expect(401);
      expect(failed.body.type).toBe('invalid-credentials');
    }
    const limited = await t.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: 'wrong-password' })
      .expect(429);
    expect(limited.body.type).toBe('too-many-failed-logins');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await t.http.post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(429);

    // another account from the same IP is not affected
    const other = await registerUser(t.http);
    await t.http.post('/api/v1/auth/login').send({ email: other.email, password: other.password }).expect(200);
  });

  it('does not tell unknown accounts from wrong passwords', async () => {
    const response = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@example.org', password: 'whatever-password' })
      .expect(401);
    expect(response.body.type).toBe('invalid-credentials');
  });

  it('creates the first instance admin from ADMIN_EMAIL / ADMIN_PASSWORD', async () => {
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'root@example.org', password: 'root-password-long' })
      .expect(200);
    expect(login.body.user.instanceRole).toBe('instance_admin');
  });

  it('refuses a missing, malformed or forged access token with 401', async () => {
    await t.http.get('/api/v1/me').expect(401);
    const forged = await t.http
      .get('/api/v1/me')
      .set('authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad')
      .expect(401);
    expect(forged.body).toMatchObject({ type: 'unauthenticated', status: 401 });
  });
});

describe('registration rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '3' } });
  });
  afterAll(() => t.close());

  it('allows REGISTER_MAX_PER_HOUR registrations per IP, then answers 429', async () => {
    for (let i = 0; i < 3; i += 1) await t.http.post('/api/v1/auth/register').send(userInput()).expect(201);
    const limited = await t.http.post('/api/v1/auth/register').send(userInput()).expect(429);
    expect(limited.body.type).toBe('rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});
