import { registerUser } from './factories/users';
import { startTestApp, TestApp } from './support/test-app';

const PROBLEM = 'application/problem+json';

describe('errors are problem+json', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { BODY_LIMIT_BYTES: '2048' } });
  });
  afterAll(() => t.close());

  function expectProblem(body: Record<string, unknown>, status: number, type: string) {
    expect(body).toMatchObject({ status, type, title: expect.any(String), detail: expect.any(String) });
    expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
  }

  it('malformed JSON → 400', async () => {
    const response = await t.http
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send('{"email":')
      .expect(400);
    expect(response.headers['content-type']).toContain(PROBLEM);
    expectProblem(response.body, 400, 'malformed-request');
  });

  it('invalid fields → 422 with one error per field', async () => {
    const response = await t.http
      .post('/api/v1/auth/register')
      .send({ email: 'not-an-email', password: 'short', extra: 1 })
      .expect(422);
    expectProblem(response.body, 422, 'validation-failed');
    const fields = (response.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['displayName', 'email', 'extra', 'password']);
  });

  it('unknown route → 404', async () => {
    const response = await t.http.get('/api/v1/no-such-thing').expect(404);
    expect(response.headers['content-type']).toContain(PROBLEM);
    expectProblem(response.body, 404, 'not-found');
  });

  it('wrong method on an existing path → 405 with Allow; unknown paths stay 404', async () => {
    const me = await t.http.put('/api/v1/me').expect(405);
    expect(me.headers['content-type']).toContain(PROBLEM);
    expect(me.headers.allow.split(', ').sort()).toEqual(['DELETE', 'GET', 'HEAD']);
    expectProblem(me.body, 405, 'method-not-allowed');

    const posts = await t.http.put('/api/v1/spheres/0190a8e2-0000-7000-8000-000000000000/posts').expect(405);
    expect(posts.headers.allow).toBe('GET, HEAD, POST');
    const probe = await t.http.post('/health/live').expect(405);
    expect(probe.headers.allow).toBe('GET, HEAD');

    const unknown = await t.http.delete('/api/v1/spheres/0190a8e2-0000-7000-8000-000000000000/nothing').expect(404);
    expect(unknown.headers.allow).toBeUndefined();
    expectProblem(unknown.body, 404, 'not-found');
  });

  it('a body in another type than JSON → 415, text/plain and forms included', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await t.http
        .post('/api/v1/auth/register')
        .set('content-type', type)
        .send('email=a%40example.org&password=long-enough-password&displayName=A')
        .expect(415);
      expect(response.headers['content-type']).toContain(PROBLEM);
      expectProblem(response.body, 415, 'unsupported-media-type');
    }
  });

  it('body too large → 413', async () => {
    const response = await t.http
      .post('/api/v1/auth/register')
      .send({ email: 'a@example.org', password: 'x'.repeat(4096), displayName: 'A' })
      .expect(413);
    expectProblem(response.body, 413, 'payload-too-large');
  });

  it('unsupported content type → 415', async () => {
    const response = await t.http
      .post('/api/v1/auth/login')
      .set('content-type', 'application/xml')
      .send('<a/>')
      .expect(415);
    expectProblem(response.body, 415, 'unsupported-media-type');
  });

  it('no token → 401; a member on an admin route → 403; an instance admin passes', async () => {
    expectProblem((await t.http.get('/api/v1/admin/jobs').expect(401)).body, 401, 'unauthenticated');
    const member = await registerUser(t.http);
    const denied = await t.http
      .get('/api/v1/admin/jobs')
      .set('authorization', `Bearer ${member.accessToken}`)
      .expect(403);
    expectProblem(denied.body, 403, 'forbidden');

    await t.db.query(`UPDATE users SET instance_role = 'instance_admin' WHERE id = $1`, [member.id]);
    const allowed = await t.http
      .get('/api/v1/admin/jobs')
      .set('authorization', `Bearer ${member.accessToken}`)
      .expect(200);
    expect(allowed.body).toEqual({ pending: expect.any(Number), failing: expect.any(Array) });
  });

  it('rate limited → 429 problem with retry-after', async () => {
    const user = await registerUser(t.http);
    for (let i = 0; i < 5; i += 1)
      await t.http.post('/api/v1/auth/login').send({ email: user.email, password: 'wrong-password' });
    const response = await t.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: 'wrong-password' })
      .expect(429);
    expect(response.headers['retry-after']).toBeDefined();
    expectProblem(response.body, 429, 'too-many-failed-logins');
  });
});
