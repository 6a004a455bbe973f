import { registerUser } from '../factories/users';
import { createPost, sphereWithPeople } from '../factories/content';
import { startTestApp, TestApp } from '../support/test-app';

/** PATCH /me/profile: the display name others see and the language a user reads. */
describe('my profile', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('changes the display name (seen on my posts at once) and the language, each alone', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id, 'Hello');
    const auth = { authorization: `Bearer ${member.accessToken}` };

    const renamed = await t.http
      .patch('/api/v1/me/profile')
      .set(auth)
      .send({ displayName: '  Ada Byron ' })
      .expect(200);
    expect(renamed.body).toEqual({
      id: member.id,
      email: member.email,
      username: null,
      displayName: 'Ada Byron',
      locale: null,
    });
    const read = await t.http.get(`/api/v1/posts/${post.id}`).set(auth).expect(200);
    expect(read.body.author.displayName).toBe('Ada Byron');

    const french = await t.http.patch('/api/v1/me/profile').set(auth).send({ locale: 'fr' }).expect(200);
    expect(french.body).toMatchObject({ displayName: 'Ada Byron', locale: 'fr' });
    await t.http.get('/api/v1/me/profile').set(auth).expect(200, french.body);

    const cleared = await t.http.patch('/api/v1/me/profile').set(auth).send({ locale: null }).expect(200);
    expect(cleared.body.locale).toBeNull();
  });

  it('refuses an empty change, a bad language tag and a hostile name, and keeps what was stored', async () => {
    const user = await registerUser(t.http);
    const auth = { authorization: `Bearer ${user.accessToken}` };
    for (const body of [{}, { locale: 'français' }, { locale: 42 }, { displayName: 'a\u202Eb' }, { displayName: '' }]) {
      const response = await t.http.patch('/api/v1/me/profile').set(auth).send(body);
      expect([JSON.stringify(body), response.status]).toEqual([JSON.stringify(body), 422]);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.type).toBeDefined();
    }
    const profile = await t.http.get('/api/v1/me/profile').set(auth).expect(200);
    expect(profile.body).toMatchObject({ displayName: user.displayName, locale: null });
  });

  it('needs a signed-in user', async () => {
    await t.http.patch('/api/v1/me/profile').send({ locale: 'fr' }).expect(401);
  });
});
