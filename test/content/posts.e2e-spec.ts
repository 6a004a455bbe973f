import { randomUUID } from 'node:crypto';
import { as, auditEntries, createSphere, putMember, registerUser } from '../factories/structure';
import { createPost, postAs, sphereFeedIds, sphereWithPeople } from '../factories/content';
import { startTestApp, TestApp } from '../support/test-app';

describe('posts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
  });
  afterAll(() => t.close());

  const ids = (items: { id: string }[]) => items.map((p) => p.id);
  const storedPost = async (id: string) =>
    (
      (await t.db.query(`SELECT body, html, deleted_at FROM posts WHERE id = $1`, [id])) as Record<string, unknown>[]
    )[0];

  it('stores the Markdown as written and its rendered HTML, and shows the post to the sphere', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const body = '# Réunion\n\n**Bonjour** _à tous_, see [the agenda](https://acat.example/agenda)';
    const response = await postAs(t, member, sphere.id, { body }).expect(201);
    expect(response.body).toMatchObject({
      sphereId: sphere.id,
      author: { id: member.id, displayName: member.displayName },
      body,
      status: 'published',
      pinned: false,
      important: false,
      attachments: [],
      commentCount: 0,
      reactionCounts: {},
      myReactions: [],
      editedAt: null,
    });
    const { html } = response.body;
    expect(html).toContain('<h3>Réunion</h3>');
    expect(html).toContain('<strong>Bonjour</strong> <em>à tous</em>');
    expect(html).toContain('<a href="https://acat.example/agenda" rel="nofollow noopener noreferrer" target="_blank">');
    expect(await storedPost(response.body.id)).toMatchObject({ body, html, deleted_at: null });

    const read = await t.http.get(`/api/v1/posts/${response.body.id}`).set(as(other)).expect(200);
    expect(read.body).toMatchObject({ id: response.body.id, body, html });
    expect(await sphereFeedIds(t, other, sphere.id)).toEqual([response.body.id]);
    const home = await t.http.get('/api/v1/feed').set(as(other)).expect(200);
    expect(ids(home.body.items)).toEqual([response.body.id]);
  });

  it('accepts 20,000 characters; refuses 20,001, an empty or blank body and unknown fields with 422', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    const longest = await postAs(t, member, sphere.id, { body: 'é'.repeat(20_000) }).expect(201);
    expect(longest.body.body).toHaveLength(20_000);
    const cases: [Record<string, unknown>, string][] = [
      [{ body: 'x'.repeat(20_001) }, 'body'],
      [{ body: '' }, 'body'],
      [{ body: '  \n\t ' }, 'body'],
      [{}, 'body'],
      [{ body: 42 }, 'body'],
      [{ body: 'Hello\u0000world' }, 'body'],
      [{ body: 'Hello', pinned: true }, 'pinned'],
      [{ body: 'Hello', authorId: member.id }, 'authorId'],
    ];
    for (const [body, field] of cases) {
      const refused = await postAs(t, member, sphere.id, body).expect(422);
      expect(refused.body.type).toBe('validation-failed');
      expect(refused.body.errors[0].field).toBe(field);
    }
    expect(await sphereFeedIds(t, member, sphere.id)).toEqual([longest.body.id]);
  });

  it('accepts an empty attachment list, and refuses ids that name no document of the sphere', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    const bare = await postAs(t, member, sphere.id, { body: 'No files', attachmentIds: [] }).expect(201);
    expect(bare.body.attachments).toEqual([]);
    for (const attachmentIds of [[randomUUID()], ['not-a-uuid'], 'one']) {
      const refused = await postAs(t, member, sphere.id, { body: 'With a file', attachmentIds }).expect(422);
      expect(refused.body.errors[0].field).toBe('attachmentIds');
    }
    expect(await sphereFeedIds(t, member, sphere.id)).toEqual([bare.body.id]);
  });

  it('lets the author edit the body, keeps the history for the author and animators only', async () => {
    const { sphere, animator, member, other, visitor } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id, 'First **draft**');
    const edited = await t.http
      .patch(`/api/v1/posts/${post.id}`)
      .set(as(member))
      .send({ body: 'Final *text*' })
      .expect(200);
    expect(edited.body).toMatchObject({ body: 'Final *text*', html: '<p>Final <em>text</em></p>\n' });
    expect(Date.parse(edited.body.editedAt)).toBeGreaterThanOrEqual(Date.parse(edited.body.createdAt));
    const seen = await t.http.get(`/api/v1/posts/${post.id}`).set(as(other)).expect(200);
    expect(seen.body).toMatchObject({ body: 'Final *text*', editedAt: edited.body.editedAt });

    for (const reader of [member, animator]) {
      const history = await t.http.get(`/api/v1/posts/${post.id}/revisions`).set(as(reader)).expect(200);
      expect(history.body.items).toEqual([
        expect.objectContaining({ body: 'First **draft**', editorId: member.id, editorName: member.displayName }),
      ]);
    }
    for (const reader of [other, visitor]) {
      await t.http.get(`/api/v1/posts/${post.id}/revisions`).set(as(reader)).expect(403);
    }
    // nobody but the author rewrites a post, animators included
    for (const editor of [other, animator, visitor]) {
      await t.http.patch(`/api/v1/posts/${post.id}`).set(as(editor)).send({ body: 'Hijacked' }).expect(403);
    }
    const empty = await t.http.patch(`/api/v1/posts/${post.id}`).set(as(member)).send({}).expect(422);
    expect(empty.body.errors[0].field).toBe('body');
    for (const body of [' ', 'NUL\u0000']) {
      await t.http.patch(`/api/v1/posts/${post.id}`).set(as(member)).send({ body }).expect(422);
    }
    expect((await t.http.get(`/api/v1/posts/${post.id}`).set(as(other))).body.body).toBe('Final *text*');
  });

  it('deletes softly at the author’s request: gone for everyone, kept in the database', async () => {
    const { sphere, member, other, animator } = await sphereWithPeople(t);
    const kept = await createPost(t, other, sphere.id);
    const post = await createPost(t, member, sphere.id);
    await t.http.delete(`/api/v1/posts/${post.id}`).set(as(other)).expect(403);
    await t.http.delete(`/api/v1/posts/${post.id}`).set(as(member)).expect(204);
    for (const reader of [member, other, animator]) {
      await t.http.get(`/api/v1/posts/${post.id}`).set(as(reader)).expect(404);
      expect(await sphereFeedIds(t, reader, sphere.id)).toEqual([kept.id]);
    }
    const home = await t.http.get('/api/v1/feed').set(as(other)).expect(200);
    expect(ids(home.body.items)).toEqual([kept.id]);
    await t.http.delete(`/api/v1/posts/${post.id}`).set(as(member)).expect(404);
    expect((await storedPost(post.id)).deleted_at).not.toBeNull();
  });

  it('lets an animator delete a member’s post, audited as post.deleted', async () => {
    const { org, sphere, member, other, animator } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    const own = await createPost(t, animator, sphere.id);
    await t.http.delete(`/api/v1/posts/${post.id}`).set(as(animator)).expect(204);
    await t.http.delete(`/api/v1/posts/${own.id}`).set(as(animator)).expect(204);
    await t.http.get(`/api/v1/posts/${post.id}`).set(as(member)).expect(404);
    expect(await sphereFeedIds(t, other, sphere.id)).toEqual([]);
    const audit = await auditEntries(t, org.id, 'post.deleted');
    expect(audit.map((a) => [a.actor_id, a.target_id, a.before])).toEqual([
      [animator.id, post.id, { authorId: member.id, status: 'published' }],
    ]);
  });

  it('lets animators pin a post on top of the sphere feed and unpin it; members may not', async () => {
    const { org, sphere, animator, member, other } = await sphereWithPeople(t);
    const oldest = await createPost(t, member, sphere.id);
    const middle = await createPost(t, other, sphere.id);
    const newest = await createPost(t, member, sphere.id);
    await t.http.post(`/api/v1/posts/${oldest.id}/pin`).set(as(member)).expect(403);
    const pinned = await t.http.post(`/api/v1/posts/${oldest.id}/pin`).set(as(animator)).expect(200);
    expect(pinned.body).toMatchObject({ id: oldest.id, pinned: true });
    expect(await sphereFeedIds(t, other, sphere.id)).toEqual([oldest.id, newest.id, middle.id]);
    const onTop = await t.http.get(`/api/v1/spheres/${sphere.id}/posts`).set(as(other)).expect(200);
    expect(onTop.body.items[0]).toMatchObject({ id: oldest.id, pinned: true });

    await t.http.post(`/api/v1/posts/${oldest.id}/unpin`).set(as(other)).expect(403);
    const unpinned = await t.http.post(`/api/v1/posts/${oldest.id}/unpin`).set(as(animator)).expect(200);
    expect(unpinned.body.pinned).toBe(false);
    expect(await sphereFeedIds(t, other, sphere.id)).toEqual([newest.id, middle.id, oldest.id]);
    expect((await auditEntries(t, org.id, 'post.pinned')).map((a) => a.target_id)).toEqual([oldest.id]);
    expect((await auditEntries(t, org.id, 'post.unpinned')).map((a) => a.target_id)).toEqual([oldest.id]);
  });

  it('lets animators flag a post important; its author, a member, may not', async () => {
    const { sphere, animator, member, other } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id, 'Assemblée générale samedi');
    const refused = await t.http.patch(`/api/v1/posts/${post.id}`).set(as(member)).send({ important: true });
    expect(refused.status).toBe(403);
    expect((await t.http.get(`/api/v1/posts/${post.id}`).set(as(other))).body.important).toBe(false);
    const flagged = await t.http
      .patch(`/api/v1/posts/${post.id}`)
      .set(as(animator))
      .send({ important: true })
      .expect(200);
    expect(flagged.body).toMatchObject({ important: true, body: 'Assemblée générale samedi', editedAt: null });
    expect((await t.http.get(`/api/v1/posts/${post.id}`).set(as(other))).body.important).toBe(true);
    const bad = await t.http.patch(`/api/v1/posts/${post.id}`).set(as(animator)).send({ important: 'yes' }).expect(422);
    expect(bad.body.errors[0].field).toBe('important');
  });

  it('answers 404 for unknown or malformed ids and to outsiders, 403 to the organisation outside the sphere', async () => {
    const { admin, org, sphere, member } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    const unknown = randomUUID();
    await t.http.get(`/api/v1/spheres/${unknown}/posts`).set(as(member)).expect(404);
    await postAs(t, member, unknown, { body: 'Hello' }).expect(404);
    await t.http.get(`/api/v1/posts/${unknown}`).set(as(member)).expect(404);
    for (const path of ['/posts/not-a-uuid', '/spheres/not-a-uuid/posts', '/posts/not-a-uuid/revisions']) {
      await t.http.get(`/api/v1${path}`).set(as(member)).expect(404);
    }
    await t.http.patch(`/api/v1/posts/${unknown}`).set(as(member)).send({ body: 'x' }).expect(404);
    await t.http.delete(`/api/v1/posts/${unknown}`).set(as(member)).expect(404);

    const outsider = await registerUser(t.http);
    await t.http.get(`/api/v1/spheres/${sphere.id}/posts`).set(as(outsider)).expect(404);
    await t.http.get(`/api/v1/posts/${post.id}`).set(as(outsider)).expect(404);
    await postAs(t, outsider, sphere.id, { body: 'Hello' }).expect(404);
    await t.http.delete(`/api/v1/posts/${post.id}`).set(as(outsider)).expect(404);

    const neighbour = await registerUser(t.http);
    const next = await createSphere(t, admin, org.id, { visibility: 'public' });
    await putMember(t, admin, next.id, neighbour.id, 'member');
    await t.http.get(`/api/v1/spheres/${sphere.id}/posts`).set(as(neighbour)).expect(403);
    await postAs(t, neighbour, sphere.id, { body: 'Hello' }).expect(403);
    await t.http.get(`/api/v1/posts/${post.id}`).set(as(neighbour)).expect(404);
    await t.http.get(`/api/v1/posts/${post.id}`).expect(401);
  });
});
