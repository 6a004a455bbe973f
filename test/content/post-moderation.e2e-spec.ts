import { randomBytes } from 'node:crypto';
import { as, auditEntries, putMember } from '../factories/structure';
import { TestUser } from '../factories/users';
import { approvePost, createPost, postAs, sphereFeedIds, sphereWithPeople, TestPost } from '../factories/content';
import { startTestApp, TestApp } from '../support/test-app';

describe('pre-moderated spheres', () => {
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
  const approve = (user: TestUser, postId: string) => t.http.post(`/api/v1/posts/${postId}/approve`).set(as(user));

  it('holds a member’s post for approval: only its author and the animators see it meanwhile', async () => {
    const { sphere, animator, member, other, visitor } = await sphereWithPeople(t, { moderationMode: 'pre' });
    const topic = `tamarin${randomBytes(4).toString('hex').replace(/\d/g, 'y')}`;
    const created = await postAs(t, member, sphere.id, { body: `Waiting ${topic}` }).expect(201);
    expect(created.body.status).toBe('pending');
    const id: string = created.body.id;

    for (const reader of [member, animator]) {
      expect((await t.http.get(`/api/v1/posts/${id}`).set(as(reader)).expect(200)).body.status).toBe('pending');
      expect(await sphereFeedIds(t, reader, sphere.id)).toEqual([id]);
    }
    expect(await homeFeedIds(member)).toEqual([id]);
    expect(await searchIds(member, topic)).toEqual([id]);
    for (const reader of [other, visitor]) {
      await t.http.get(`/api/v1/posts/${id}`).set(as(reader)).expect(404);
      expect(await sphereFeedIds(t, reader, sphere.id)).toEqual([]);
      expect(await homeFeedIds(reader)).toEqual([]);
      expect(await searchIds(reader, topic)).toEqual([]);
    }

    const approved = await approve(animator, id).expect(200);
    expect(approved.body).toMatchObject({ id, status: 'published' });
    for (const reader of [other, visitor, member]) {
      expect((await t.http.get(`/api/v1/posts/${id}`).set(as(reader)).expect(200)).body.status).toBe('published');
      expect(await sphereFeedIds(t, reader, sphere.id)).toEqual([id]);
    }
    expect(await homeFeedIds(other)).toEqual([id]);
    expect(await searchIds(other, topic)).toEqual([id]);
  });

  it('lets only animators approve, once: 403 to its author, 404 to members who cannot see it, then 409', async () => {
    const { org, sphere, animator, member, other } = await sphereWithPeople(t, { moderationMode: 'pre' });
    const post = await createPost(t, member, sphere.id);
    await approve(member, post.id).expect(403);
    await approve(other, post.id).expect(404);
    expect((await t.http.get(`/api/v1/posts/${post.id}`).set(as(member))).body.status).toBe('pending');

    await approve(animator, post.id).expect(200);
    const twice = await approve(animator, post.id).expect(409);
    expect(twice.body.type).toBe('post-not-pending');
    await approve(other, post.id).expect(403);
    expect((await auditEntries(t, org.id, 'post.approved')).map((a) => [a.actor_id, a.target_id])).toEqual([
      [animator.id, post.id],
    ]);
  });

  it('moderates an organisation owner who is a plain member like any member', async () => {
    const { admin, sphere, animator, member } = await sphereWithPeople(t, { moderationMode: 'pre' });
    await putMember(t, admin, sphere.id, admin.id, 'member');
    const others = await createPost(t, member, sphere.id);
    const own = await createPost(t, admin, sphere.id);
    expect(own.status).toBe('pending');
    expect(await sphereFeedIds(t, admin, sphere.id)).toEqual([own.id]);
    await t.http.get(`/api/v1/posts/${others.id}`).set(as(admin)).expect(404);
    await approve(admin, others.id).expect(404);
    expect(await sphereFeedIds(t, animator, sphere.id)).toEqual([own.id, others.id]);
  });

  it('publishes an animator’s posts at once', async () => {
    for (const moderationMode of ['pre', 'pre_for_newcomers']) {
      const { sphere, animator, other } = await sphereWithPeople(t, { moderationMode });
      const post = await createPost(t, animator, sphere.id);
      expect(post.status).toBe('published');
      expect(await sphereFeedIds(t, other, sphere.id)).toEqual([post.id]);
    }
  });

  it('answers 409 post-not-pending to approving a post that was published at once', async () => {
    const { sphere, animator, member } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    expect(post.status).toBe('published');
    expect((await approve(animator, post.id).expect(409)).body.type).toBe('post-not-pending');
  });

  it('holds a newcomer’s first three posts; once three are approved the next is published at once', async () => {
    const { sphere, animator, member, other } = await sphereWithPeople(t, { moderationMode: 'pre_for_newcomers' });
    const first: TestPost[] = [];
    for (let i = 0; i < 3; i++) first.push(await createPost(t, member, sphere.id, `Post ${i + 1}`));
    expect(first.map((p) => p.status)).toEqual(['pending', 'pending', 'pending']);
    expect(await sphereFeedIds(t, other, sphere.id)).toEqual([]);

    await approvePost(t, animator, first[0].id);
    await approvePost(t, animator, first[1].id);
    // two approved posts are not yet three
    const fourth = await createPost(t, member, sphere.id, 'Post 4');
    expect(fourth.status).toBe('pending');
    await approvePost(t, animator, first[2].id);
    const fifth = await createPost(t, member, sphere.id, 'Post 5');
    expect(fifth.status).toBe('published');
    expect(await sphereFeedIds(t, other, sphere.id)).toEqual([fifth.id, first[2].id, first[1].id, first[0].id]);
    // another member's history is their own
    expect((await createPost(t, other, sphere.id)).status).toBe('pending');
  });

  it('lets the author edit or delete a pending post, which stays hidden from the others', async () => {
    const { sphere, animator, member, other } = await sphereWithPeople(t, { moderationMode: 'pre' });
    const post = await createPost(t, member, sphere.id, 'Draft');
    const edited = await t.http.patch(`/api/v1/posts/${post.id}`).set(as(member)).send({ body: 'Better' }).expect(200);
    expect(edited.body).toMatchObject({ body: 'Better', status: 'pending' });
    await t.http.get(`/api/v1/posts/${post.id}`).set(as(other)).expect(404);
    expect(await sphereFeedIds(t, other, sphere.id)).toEqual([]);

    const gone = await createPost(t, member, sphere.id, 'Never mind');
    await t.http.delete(`/api/v1/posts/${gone.id}`).set(as(member)).expect(204);
    expect(await sphereFeedIds(t, animator, sphere.id)).toEqual([post.id]);
    await approve(animator, gone.id).expect(404);
  });

  it('publishes members’ posts directly again once the sphere leaves pre-moderation', async () => {
    const { admin, sphere, member, other } = await sphereWithPeople(t, { moderationMode: 'pre' });
    expect((await createPost(t, member, sphere.id)).status).toBe('pending');
    await t.http.patch(`/api/v1/spheres/${sphere.id}`).set(as(admin)).send({ moderationMode: 'post' }).expect(200);
    const direct = await createPost(t, member, sphere.id);
    expect(direct.status).toBe('published');
    expect(await sphereFeedIds(t, other, sphere.id)).toEqual([direct.id]);
  });
});
