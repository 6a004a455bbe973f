import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { sign } from 'jsonwebtoken';
import { createPost, sphereWithPeople } from '../factories/content';
import { as } from '../factories/structure';
import { registerUser, userInput } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

const PROBLEM = 'application/problem+json';

/** A request written by hand: supertest cannot send what some of these tests need (huge headers). */
function rawGet(url: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; contentType?: string; body: Record<string, unknown> }>((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { headers }, (res) => {
      let data = '';
      res.on('data', (chunk: Buffer) => (data += chunk.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode!, contentType: res.headers['content-type'], body: JSON.parse(data) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('hostile input never answers 5xx', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
  });
  afterAll(() => t.close());

  it('refuses JSON nested deeper than 32 levels, balanced or not, on every kind of body route (400)', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    const routes: [string, string][] = [
      ['post', '/api/v1/auth/register'],
      ['post', '/api/v1/auth/login'],
      ['post', `/api/v1/spheres/${sphere.id}/posts`],
      ['patch', `/api/v1/posts/${post.id}`],
      ['post', `/api/v1/posts/${post.id}/comments`],
    ];
    const bodies = [
      '['.repeat(100_000),
      `{"body":${'['.repeat(5_000)}${']'.repeat(5_000)}}`,
      `{"body":${'{"a":'.repeat(33)}1${'}'.repeat(33)}}`,
    ];
    for (const [method, path] of routes) {
      for (const body of bodies) {
        const response = await t.http[method as 'post'](path)
          .set(as(member))
          .set('content-type', 'application/json')
          .send(body);
        expect([response.status, response.headers['content-type']]).toEqual([400, expect.stringContaining(PROBLEM)]);
        expect(response.body).toMatchObject({ type: 'malformed-request', detail: 'JSON nests deeper than 32 levels' });
      }
    }
    // 32 levels are fine (the DTO then refuses the unknown shape)
    const deepest = `{"body":"x","extra":${'['.repeat(31)}${']'.repeat(31)}}`;
    await t.http
      .post(`/api/v1/spheres/${sphere.id}/posts`)
      .set(as(member))
      .set('content-type', 'application/json')
      .send(deepest)
      .expect(422);
  });

  it('refuses a NUL character in any string field of any DTO with 422 naming the field', async () => {
    const { admin, org, sphere, member } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    const cases: [string, string, Record<string, unknown>, string][] = [
      ['post', '/api/v1/auth/register', userInput({ displayName: 'Ada\u0000' }), 'displayName'],
      ['post', '/api/v1/auth/register', { ...userInput(), email: 'a\u0000@example.org' }, 'email'],
      ['post', '/api/v1/auth/login', { email: 'x@example.org', password: 'pass\u0000word' }, 'password'],
      ['post', '/api/v1/organisations', { name: 'Org\u0000', slug: 'org-nul' }, 'name'],
      [
        'post',
        `/api/v1/organisations/${org.id}/spheres`,
        { name: 'S\u0000', kind: 'thematic', visibility: 'public' },
        'name',
      ],
      ['patch', `/api/v1/spheres/${sphere.id}`, { description: 'd\u0000' }, 'description'],
      ['post', `/api/v1/spheres/${sphere.id}/posts`, { body: 'Hi\u0000' }, 'body'],
      ['post', `/api/v1/posts/${post.id}/comments`, { body: 'Hi\u0000' }, 'body'],
      [
        'put',
        `/api/v1/organisations/${org.id}/charter`,
        { articles: [{ title: 'T', text: 'x\u0000' }] },
        'articles.0.text',
      ],
    ];
    for (const [method, path, body, field] of cases) {
      const response = await t.http[method as 'post'](path).set(as(admin)).send(body);
      expect([path, response.status]).toEqual([path, 422]);
      expect(response.body).toMatchObject({ type: 'validation-failed', errors: [{ field }] });
    }
  });

  it('refuses a NUL character in a query string or a path with 422', async () => {
    const user = await registerUser(t.http);
    for (const path of ['/api/v1/search?q=%00', '/api/v1/search?q=a%00b', '/api/v1/feed?cursor=%00']) {
      const response = await t.http.get(path).set(as(user)).expect(422);
      expect(response.body).toMatchObject({
        type: 'validation-failed',
        errors: [{ field: expect.stringMatching(/^query\./) }],
      });
    }
    const path = await t.http.get('/api/v1/spheres/%00').set(as(user)).expect(422);
    expect(path.body.errors).toEqual([{ field: 'path.sphereId', message: 'must not contain NUL characters' }]);
  });

  it('takes a well-signed access token with a strange claim for an invalid one (401)', async () => {
    const user = await registerUser(t.http);
    const secret = t.env.JWT_SECRET;
    const now = Math.floor(Date.now() / 1000);
    const tokens = [
      sign({ sub: 'not-a-uuid' }, secret, { expiresIn: 60 }),
      sign({ sub: "' OR 1=1 --" }, secret, { expiresIn: 60 }),
      sign({ sub: 42 }, secret, { expiresIn: 60 }),
      sign({ sub: { id: user.id } }, secret, { expiresIn: 60 }),
      sign({ sub: 'a'.repeat(10_000) }, secret, { expiresIn: 60 }),
      sign({ sub: user.id, iat: now }, secret), // no expiry
      sign({ sub: randomUUID() }, secret, { expiresIn: 60 }), // nobody
    ];
    for (const token of tokens) {
      const response = await t.http.get('/api/v1/me').set('authorization', `Bearer ${token}`).expect(401);
      expect(response.body.type).toBe('unauthenticated');
    }
    // the same secret and shape with a real user works: the refusals above are about the claims
    await t.http
      .get('/api/v1/me')
      .set('authorization', `Bearer ${sign({ sub: user.id }, secret, { expiresIn: 60 })}`)
      .expect(200);
  });

  it('answers an over-long path segment with 414 and over-large headers with 431, as problem+json', async () => {
    const long = await rawGet(t.url, `/api/v1/spheres/${'a'.repeat(500)}`);
    expect(long).toMatchObject({ status: 414, contentType: expect.stringContaining(PROBLEM) });
    expect(long.body).toMatchObject({ type: 'uri-too-long', status: 414, title: 'URI Too Long' });
    expect(JSON.stringify(long.body)).not.toContain('aaaa');

    const large = await rawGet(t.url, '/api/v1/me', { 'x-padding': 'a'.repeat(20_000) });
    expect(large).toMatchObject({ status: 431, contentType: expect.stringContaining(PROBLEM) });
    expect(large.body).toMatchObject({ type: 'headers-too-large', status: 431 });

    const malformed = await rawGet(t.url, '/api/v1/spheres/%E0%A4%A');
    expect(malformed).toMatchObject({ status: 400, contentType: expect.stringContaining(PROBLEM) });
    expect(malformed.body).toMatchObject({ type: 'malformed-request' });
  });
});

describe('display names', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
  });
  afterAll(() => t.close());

  it('are trimmed and NFC-normalised at registration', async () => {
    const response = await t.http
      .post('/api/v1/auth/register')
      .send(userInput({ displayName: '  Ame\u0301lie Poulain  ' }))
      .expect(201);
    expect(response.body.user.displayName).toBe('Am\u00e9lie Poulain');
    const [row] = (await t.db.query(`SELECT display_name FROM users WHERE id = $1`, [response.body.user.id])) as {
      display_name: string;
    }[];
    expect(row.display_name).toBe('Am\u00e9lie Poulain');
  });

  it.each([
    ['blank', '   '],
    ['a control character', 'Ada\u0007Lovelace'],
    ['a line break', 'Ada\nLovelace'],
    ['a right-to-left override', 'Ada \u202Eecalevol'],
    ['a bidi isolate', 'Ada \u2066x\u2069'],
    ['a zero-width space', 'Ada\u200BLovelace'],
    ['a zero-width joiner', 'Ada\u200D'],
  ])('refuse %s with 422', async (_case, displayName) => {
    const response = await t.http.post('/api/v1/auth/register').send(userInput({ displayName })).expect(422);
    expect(response.body).toMatchObject({ type: 'validation-failed', errors: [{ field: 'displayName' }] });
  });
});
