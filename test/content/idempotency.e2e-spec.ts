import { randomUUID } from 'node:crypto';
import { as } from '../factories/structure';
import { createPost, sphereWithPeople } from '../factories/content';
import { startTestApp, TestApp } from '../support/test-app';

/** `Idempotency-Key` on post and comment creation: a retried request never creates twice. */
describe('Idempotency-Key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
  });
  afterAll(() => t.close());

  const countPosts = async (sphereId: string) =>
    ((await t.db.query(`SELECT count(*)::int AS n FROM posts WHERE sphere_id = $1`, [sphereId])) as { n: number }[])[0]
      .n;

  it('turns 20 concurrent POSTs of one post with one key into one post, answered identically', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.http
          .post(`/api/v1/spheres/${sphere.id}/posts`)
          .set({ ...as(member), 'idempotency-key': key })
          .send({ body: 'Assemblée générale jeudi à 19 h' }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(await countPosts(sphere.id)).toBe(1);
  });

  it('answers the same key with another body 422, and a new key creates a new post', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    const key = randomUUID();
    const post = (body: string, idempotencyKey = key) =>
      t.http
        .post(`/api/v1/spheres/${sphere.id}/posts`)
        .set({ ...as(member), 'idempotency-key': idempotencyKey })
        .send({ body });
    const first = await post('first').expect(201);
    const reused = await post('second').expect(422);
    expect(reused.body).toMatchObject({ type: expect.stringContaining('idempotency-key-reused') });
    const again = await post('first').expect(201);
    expect(again.body).toEqual(first.body);
    await post('first', randomUUID()).expect(201);
    expect(await countPosts(sphere.id)).toBe(2);
  });

  it('keeps keys per user: another member with the same key creates their own post', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const key = randomUUID();
    const send = (user: typeof member) =>
      t.http
        .post(`/api/v1/spheres/${sphere.id}/posts`)
        .set({ ...as(user), 'idempotency-key': key })
        .send({ body: 'Hi' });
    const [mine, theirs] = [await send(member).expect(201), await send(other).expect(201)];
    expect(mine.body.id).not.toBe(theirs.body.id);
  });

  it('makes comments idempotent too, and refuses a malformed key', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    const key = randomUUID();
    const comment = () =>
      t.http
        .post(`/api/v1/posts/${post.id}/comments`)
        .set({ ...as(other), 'idempotency-key': key })
        .send({ body: 'Count me in' });
    const [a, b] = await Promise.all([comment(), comment()]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body).toEqual(b.body);
    const comments = await t.http.get(`/api/v1/posts/${post.id}/comments`).set(as(member)).expect(200);
    expect(comments.body.items).toHaveLength(1);
    const bad = await t.http
      .post(`/api/v1/posts/${post.id}/comments`)
      .set({ ...as(other), 'idempotency-key': 'no spaces allowed' })
      .send({ body: 'x' })
      .expect(422);
    expect(bad.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
  });

  it('never keeps a key for a refused request: fixing the request with the same key works', async () => {
    const { sphere, visitor, member } = await sphereWithPeople(t);
    const key = randomUUID();
    await t.http
      .post(`/api/v1/spheres/${sphere.id}/posts`)
      .set({ ...as(visitor), 'idempotency-key': key })
      .send({ body: 'visitors do not post' })
      .expect(403);
    await t.http
      .post(`/api/v1/spheres/${sphere.id}/posts`)
      .set({ ...as(member), 'idempotency-key': key })
      .send({ body: 'members do' })
      .expect(201);
    const rows = await t.db.query(`SELECT user_id FROM idempotency_keys WHERE key = $1`, [key]);
    expect(rows).toEqual([{ user_id: member.id }]);
  });
});
