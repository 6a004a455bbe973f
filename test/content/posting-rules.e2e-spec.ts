import { randomBytes } from 'node:crypto';
import { as, publishCharter, putMember, registerUser } from '../factories/structure';
import { TestUser } from '../factories/users';
import { createPost, postAs, setMembershipStatus, sphereFeedIds, sphereWithPeople } from '../factories/content';
import { startTestApp, TestApp } from '../support/test-app';

describe('posting rules of a sphere', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
  });
  afterAll(() => t.close());

  const homeFeedIds = async (reader: TestUser) =>
    (await t.http.get('/api/v1/feed').set(as(reader)).expect(200)).body.items.map((p: { id: string }) => p.id);
  const searchIds = async (reader: TestUser, q: string) =>
    (await t.http.get('/api/v1/search').query({ q }).set(as(reader)).expect(200)).body.items.map(
      (hit: { post: { id: string } }) => hit.post.id,
    );
  const word = () => `kumquat${randomBytes(4).toString('hex').replace(/\d/g, 'x')}`;

  it('lets only animators post in an announcement sphere; members read them', async () => {
    const { sphere, animator, member, visitor } = await sphereWithPeople(t, { postingPolicy: 'animators' });
    const refused = await postAs(t, member, sphere.id, { body: 'May I?' }).expect(403);
    expect(refused.body.type).toBe('animators-only');
    expect((await postAs(t, visitor, sphere.id, { body: 'May I?' }).expect(403)).body.type).toBe('forbidden');
    const announcement = await postAs(t, animator, sphere.id, { body: 'Assemblée générale le 12' }).expect(201);
    expect(announcement.body.status).toBe('published');
    expect(await sphereFeedIds(t, member, sphere.id)).toEqual([announcement.body.id]);
    expect(await sphereFeedIds(t, visitor, sphere.id)).toEqual([announcement.body.id]);
  });

  it('refuses every change in an archived sphere with 409 sphere-archived, and still shows its posts', async () => {
    const { admin, sphere, animator, member, other } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    await t.http.post(`/api/v1/spheres/${sphere.id}/archive`).set(as(admin)).expect(200);
    for (const author of [member, animator]) {
      const refused = await postAs(t, author, sphere.id, { body: 'Still there?' }).expect(409);
      expect(refused.body.type).toBe('sphere-archived');
    }
    const edit = await t.http.patch(`/api/v1/posts/${post.id}`).set(as(member)).send({ body: 'Edited' }).expect(409);
    expect(edit.body.type).toBe('sphere-archived');
    expect((await t.http.delete(`/api/v1/posts/${post.id}`).set(as(member)).expect(409)).body.type).toBe(
      'sphere-archived',
    );
    expect((await t.http.post(`/api/v1/posts/${post.id}/pin`).set(as(animator)).expect(409)).body.type).toBe(
      'sphere-archived',
    );
    expect(await sphereFeedIds(t, other, sphere.id)).toEqual([post.id]);
    const read = await t.http.get(`/api/v1/posts/${post.id}`).set(as(other)).expect(200);
    expect(read.body).toMatchObject({ body: post.body, pinned: false });
  });

  it('asks a member to accept a new charter before posting, then lets them post', async () => {
    const { admin, org, sphere, member, other } = await sphereWithPeople(t);
    const earlier = await createPost(t, member, sphere.id);
    const charter = await publishCharter(t, admin, org.id);
    const refused = await postAs(t, member, sphere.id, { body: 'Hello' }).expect(403);
    expect(refused.body.type).toBe('charter-acceptance-required');
    const edit = await t.http.patch(`/api/v1/posts/${earlier.id}`).set(as(member)).send({ body: 'Edited' });
    expect(edit.status).toBe(403);
    expect(edit.body.type).toBe('charter-acceptance-required');
    // reading does not wait for the charter
    expect(await sphereFeedIds(t, member, sphere.id)).toEqual([earlier.id]);

    await t.http
      .post(`/api/v1/spheres/${sphere.id}/charter/accept`)
      .set(as(member))
      .send({ version: charter.version })
      .expect(200);
    const accepted = await postAs(t, member, sphere.id, { body: 'Hello' }).expect(201);
    expect(await sphereFeedIds(t, other, sphere.id)).toEqual([accepted.body.id, earlier.id]);
    // the other member has not accepted yet
    expect((await postAs(t, other, sphere.id, { body: 'Me too' }).expect(403)).body.type).toBe(
      'charter-acceptance-required',
    );
  });

  it('refuses a muted member’s post with 403 member-muted; they still read the sphere', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const earlier = await createPost(t, member, sphere.id);
    const others = await createPost(t, other, sphere.id);
    await setMembershipStatus(t, sphere.id, member.id, 'muted');
    const refused = await postAs(t, member, sphere.id, { body: 'Let me speak' }).expect(403);
    expect(refused.body.type).toBe('member-muted');
    await t.http.patch(`/api/v1/posts/${earlier.id}`).set(as(member)).send({ body: 'Edited' }).expect(403);
    expect(await sphereFeedIds(t, member, sphere.id)).toEqual([others.id, earlier.id]);
    await t.http.get(`/api/v1/posts/${others.id}`).set(as(member)).expect(200);
    expect(await homeFeedIds(member)).toEqual([others.id, earlier.id]);
    expect(await sphereFeedIds(t, other, sphere.id)).toEqual([others.id, earlier.id]);
  });

  it('lets a visitor read but not post', async () => {
    const { sphere, member, visitor } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    expect((await postAs(t, visitor, sphere.id, { body: 'Hello' }).expect(403)).body.type).toBe('forbidden');
    expect(await sphereFeedIds(t, visitor, sphere.id)).toEqual([post.id]);
    await t.http.get(`/api/v1/posts/${post.id}`).set(as(visitor)).expect(200);
    expect(await homeFeedIds(visitor)).toEqual([post.id]);
  });

  it('hides posts older than a newcomer’s arrival when the sphere keeps its history (set at creation)', async () => {
    const { admin, sphere, member, other } = await sphereWithPeople(t, { historyVisibleToNewcomers: false });
    const topic = word();
    const before = await createPost(t, member, sphere.id, `Before: ${topic}`);
    const newcomer = await registerUser(t.http);
    await putMember(t, admin, sphere.id, newcomer.id, 'member');
    const after = await createPost(t, other, sphere.id, `After: ${topic}`);

    expect(await sphereFeedIds(t, newcomer, sphere.id)).toEqual([after.id]);
    expect(await homeFeedIds(newcomer)).toEqual([after.id]);
    await t.http.get(`/api/v1/posts/${before.id}`).set(as(newcomer)).expect(404);
    await t.http.get(`/api/v1/posts/${before.id}/comments`).set(as(newcomer)).expect(404);
    await t.http.get(`/api/v1/posts/${after.id}`).set(as(newcomer)).expect(200);
    expect(await searchIds(newcomer, topic)).toEqual([after.id]);
    // those who were there keep seeing it
    expect(await sphereFeedIds(t, other, sphere.id)).toEqual([after.id, before.id]);
    expect((await searchIds(other, topic)).sort()).toEqual([after.id, before.id].sort());
    await t.http.get(`/api/v1/posts/${before.id}`).set(as(other)).expect(200);
  });

  it('hides earlier posts from newcomers once the sphere is switched to keep its history', async () => {
    const { admin, sphere, animator, member, other } = await sphereWithPeople(t);
    const topic = word();
    const before = await createPost(t, member, sphere.id, `Before: ${topic}`);
    const newcomer = await registerUser(t.http);
    await putMember(t, admin, sphere.id, newcomer.id, 'member');
    // the default: a newcomer reads the whole history
    expect(await sphereFeedIds(t, newcomer, sphere.id)).toEqual([before.id]);
    expect(await searchIds(newcomer, topic)).toEqual([before.id]);

    await t.http
      .patch(`/api/v1/spheres/${sphere.id}`)
      .set(as(admin))
      .send({ historyVisibleToNewcomers: false })
      .expect(200);
    expect(await sphereFeedIds(t, newcomer, sphere.id)).toEqual([]);
    expect(await homeFeedIds(newcomer)).toEqual([]);
    expect(await searchIds(newcomer, topic)).toEqual([]);
    await t.http.get(`/api/v1/posts/${before.id}`).set(as(newcomer)).expect(404);
    expect(await sphereFeedIds(t, other, sphere.id)).toEqual([before.id]);

    // pinning does not bring an old post back to newcomers
    await t.http.post(`/api/v1/posts/${before.id}/pin`).set(as(animator)).expect(200);
    expect(await sphereFeedIds(t, newcomer, sphere.id)).toEqual([]);
    expect(await sphereFeedIds(t, other, sphere.id)).toEqual([before.id]);
  });
});
