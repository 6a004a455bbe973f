import { createPost, sphereWithPeople } from '../factories/content';
import { as } from '../factories/structure';
import { TestUser } from '../factories/users';
import { eventually } from '../support/processes';
import { FakeBrowser, LoopbackPushService } from '../support/push-service';
import { startTestApp, TestApp } from '../support/test-app';

describe('Web Push', () => {
  let t: TestApp;
  const service = new LoopbackPushService();
  beforeAll(async () => {
    await service.start();
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' }, withWorker: true });
  });
  afterAll(async () => {
    await t.close();
    await service.stop();
  });

  const subscribe = async (user: TestUser, browser: FakeBrowser) =>
    (
      await t.http
        .post('/api/v1/me/push-subscriptions')
        .set(as(user))
        .send({ endpoint: browser.endpoint, keys: browser.keys, device: 'test browser' })
        .expect(201)
    ).body as { id: string; device: string | null; createdAt: string };
  const pushState = (userId: string, postId: string) =>
    eventually(
      async () => {
        const [row] = await t.db.query(`SELECT push FROM notifications WHERE user_id = $1 AND subject_id = $2`, [
          userId,
          postId,
        ]);
        return row && row.push !== 'pending' ? (row.push as string) : undefined;
      },
      20_000,
      `the push of ${postId}`,
    );
  const received = (browser: FakeBrowser) =>
    eventually(() => (browser.received.length > 0 ? browser.received : undefined), 20_000, 'a push');

  it('gives its VAPID public key to anyone', async () => {
    const { body } = await t.http.get('/api/v1/push/vapid-public-key').expect(200);
    expect(body).toEqual({ publicKey: t.config.vapid.publicKey });
    expect(Buffer.from(body.publicKey, 'base64url')).toHaveLength(65);
  });

  it('pushes a new post as a title and a url only, never its content', async () => {
    const { sphere, animator, member } = await sphereWithPeople(t);
    const browser = service.browser();
    const created = await subscribe(animator, browser);
    expect(created).toMatchObject({ device: 'test browser' });
    const post = await createPost(t, member, sphere.id, 'Le code de la porte est 4721');
    const [push] = await received(browser);
    const message = JSON.parse(push.text);
    expect(Object.keys(message).sort()).toEqual(['title', 'url']);
    expect(message.url).toBe(`/spheres/${sphere.id}`);
    expect(message.title).toContain(sphere.name);
    expect(push.text).not.toContain('4721');
    expect(push.authorization).toContain(`k=${t.config.vapid.publicKey}`);
    expect(await pushState(animator.id, post.id)).toBe('sent');
    expect(browser.received).toHaveLength(1);
  });

  it('never names a secret sphere in a push', async () => {
    const { sphere, animator, member } = await sphereWithPeople(t, { visibility: 'secret' });
    const browser = service.browser();
    await subscribe(animator, browser);
    await createPost(t, member, sphere.id);
    const [push] = await received(browser);
    expect(push.text).not.toContain(sphere.name);
    expect(JSON.parse(push.text).url).toBe(`/spheres/${sphere.id}`);
  });

  it('deletes a subscription its push service says is gone (410)', async () => {
    const { sphere, animator, member } = await sphereWithPeople(t);
    const browser = service.browser();
    browser.answer = 410;
    await subscribe(animator, browser);
    await createPost(t, member, sphere.id);
    await received(browser);
    await eventually(
      async () => {
        const { body } = await t.http.get('/api/v1/me/push-subscriptions').set(as(animator)).expect(200);
        return body.length === 0 ? true : undefined;
      },
      20_000,
      'the subscription removed',
    );
  });

  it('does not push during quiet hours, even across midnight, and marks the item not pushed', async () => {
    const { sphere, animator, member } = await sphereWithPeople(t);
    const hour = new Date().getUTCHours();
    const hh = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
    // from an hour ago to two hours on, in UTC: wraps past midnight whenever the test runs late in the day
    await t.http
      .put('/api/v1/me/notification-settings')
      .set(as(animator))
      .send({ timeZone: 'UTC', quietHours: { start: hh(hour - 1), end: hh(hour + 2) } })
      .expect(200);
    const browser = service.browser();
    await subscribe(animator, browser);
    const post = await createPost(t, member, sphere.id);
    expect(await pushState(animator.id, post.id)).toBe('none');
    expect(browser.received).toEqual([]); // claimed and sent in one transaction: nothing can follow
  });

  it("lists and deletes only one's own subscriptions; the same endpoint again moves to its new owner", async () => {
    const { animator, member } = await sphereWithPeople(t);
    const browser = service.browser();
    const mine = await subscribe(animator, browser);
    await t.http.delete(`/api/v1/me/push-subscriptions/${mine.id}`).set(as(member)).expect(404);
    const { body: still } = await t.http.get('/api/v1/me/push-subscriptions').set(as(animator)).expect(200);
    expect(still.map((s: { id: string }) => s.id)).toEqual([mine.id]);
    const moved = await subscribe(member, browser);
    expect(moved.id).toBe(mine.id);
    expect((await t.http.get('/api/v1/me/push-subscriptions').set(as(animator)).expect(200)).body).toEqual([]);
    await t.http.delete(`/api/v1/me/push-subscriptions/${mine.id}`).set(as(member)).expect(204);
    expect((await t.http.get('/api/v1/me/push-subscriptions').set(as(member)).expect(200)).body).toEqual([]);
  });

  it('keeps 20 browsers a person at most: a new one evicts the oldest', async () => {
    const { member } = await sphereWithPeople(t);
    const ids: string[] = [];
    for (let i = 0; i < 21; i++) ids.push((await subscribe(member, service.browser())).id);
    const { body } = await t.http.get('/api/v1/me/push-subscriptions').set(as(member)).expect(200);
    expect(body.map((s: { id: string }) => s.id)).toEqual(ids.slice(1));
  });

  it.each([
    ['http://example.org/push', 'not https'],
    ['https://localhost/push', 'a loopback name'],
    ['https://10.0.0.8/push', 'a private address'],
    ['https://[::1]/push', 'IPv6 loopback'],
    ['https://169.254.169.254/latest', 'link-local (cloud metadata)'],
    ['http://127.0.0.2:80/push', 'loopback other than the test service'],
    ['https://user:pw@push.example.org/x', 'credentials'],
  ])('refuses the endpoint %s (%s) with 422', async (endpoint) => {
    const { member } = await sphereWithPeople(t);
    const browser = service.browser();
    const response = await t.http
      .post('/api/v1/me/push-subscriptions')
      .set(as(member))
      .send({ endpoint, keys: browser.keys })
      .expect(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses malformed keys with 422', async () => {
    const { member } = await sphereWithPeople(t);
    const browser = service.browser();
    for (const keys of [{ p256dh: 'abc', auth: browser.keys.auth }, { p256dh: browser.keys.p256dh, auth: 'x' }, {}])
      await t.http
        .post('/api/v1/me/push-subscriptions')
        .set(as(member))
        .send({ endpoint: browser.endpoint, keys })
        .expect(422);
  });
});
