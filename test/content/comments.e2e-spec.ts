import { as } from '../factories/structure';
import {
  ageComments,
  commentAs,
  createComment,
  createPost,
  forgedCursor,
  setMembershipStatus,
  sphereWithPeople,
  TestComment,
  walkPages,
} from '../factories/content';
import { startTestApp, TestApp } from '../support/test-app';

const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe('comments', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
  });
  afterAll(() => t.close());

  const commentsOf = (reader: Parameters<typeof as>[0], postId: string, query = '') =>
    t.http.get(`/api/v1/posts/${postId}/comments${query}`).set(as(reader));
  const postSeenBy = async (reader: Parameters<typeof as>[0], postId: string) =>
    (await t.http.get(`/api/v1/posts/${postId}`).set(as(reader)).expect(200)).body;

  it('takes one level of replies, lists them oldest first and counts them on the post', async () => {
    const { sphere, member, other, animator } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    const first = await createComment(t, other, post.id, 'Premier !');
    expect(first).toMatchObject({
      postId: post.id,
      parentId: null,
      body: 'Premier !',
      author: { id: other.id, displayName: other.displayName },
    });
    const reply = await createComment(t, member, post.id, 'Merci', first.id);
    expect(reply.parentId).toBe(first.id);
    const second = await createComment(t, animator, post.id, 'Deuxième');

    const tooDeep = await commentAs(t, other, post.id, { body: 'Et moi', parentId: reply.id }).expect(422);
    expect(tooDeep.body.errors.map((e: { field: string }) => e.field)).toEqual(['parentId']);
    const elsewhere = await createPost(t, other, sphere.id);
    const foreign = await createComment(t, member, elsewhere.id);
    const crossed = await commentAs(t, other, post.id, { body: 'Ailleurs', parentId: foreign.id }).expect(422);
    expect(crossed.body.errors[0].field).toBe('parentId');
    const unknownParent = '00000000-0000-7000-8000-000000000000';
    await commentAs(t, other, post.id, { body: 'Personne', parentId: unknownParent }).expect(422);

    const list = await commentsOf(other, post.id).expect(200);
    expect(ids(list.body.items)).toEqual([first.id, reply.id, second.id]);
    expect(list.body.nextCursor).toBeNull();
    expect((await postSeenBy(animator, post.id)).commentCount).toBe(3);
    expect((await postSeenBy(member, elsewhere.id)).commentCount).toBe(1);
    const feed = await t.http.get(`/api/v1/spheres/${sphere.id}/posts`).set(as(other)).expect(200);
    expect(feed.body.items.find((p: { id: string }) => p.id === post.id).commentCount).toBe(3);
  });

  it('pages with ?limit and ?cursor without duplicates or gaps, ties on the same instant included', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    const made: TestComment[] = [];
    for (let i = 0; i < 9; i++) made.push(await createComment(t, i % 2 ? member : other, post.id, `n°${i}`));
    // six comments on one instant: only the id tells them apart
    const base = Date.now() - 60_000;
    await ageComments(t, [made[0].id], new Date(base));
    const tied = ids(made.slice(1, 7));
    await ageComments(t, tied, new Date(base + 1000));
    const expected = [made[0].id, ...[...tied].sort(), ...ids(made.slice(7))];
    const pages = await walkPages<TestComment>(t, other, `/api/v1/posts/${post.id}/comments?limit=2`);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 2, 2, 1]);
    const walked = pages.flat().map((c) => c.id);
    expect(new Set(walked).size).toBe(9);
    expect(walked).toEqual(expected);
    const all = await commentsOf(other, post.id, '?limit=100').expect(200);
    expect(ids(all.body.items)).toEqual(walked);
  });

  it('answers 400 invalid-cursor to a tampered cursor', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    await createComment(t, member, post.id);
    for (const cursor of [
      'garbage!!',
      forgedCursor({ t: 'soon', id: post.id }),
      forgedCursor({ t: 1.5, id: post.id }),
      forgedCursor({ t: 1e300, id: post.id }),
    ]) {
      const response = await commentsOf(member, post.id, `?cursor=${encodeURIComponent(cursor)}`);
      expect([cursor, response.status, response.body.type]).toEqual([cursor, 400, 'invalid-cursor']);
    }
    await commentsOf(member, post.id, '?limit=0').expect(422);
    await commentsOf(member, post.id, '?limit=101').expect(422);
  });

  it('lets a visitor read the thread but not comment', async () => {
    const { sphere, member, visitor } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    const comment = await createComment(t, member, post.id);
    expect(ids((await commentsOf(visitor, post.id).expect(200)).body.items)).toEqual([comment.id]);
    await commentAs(t, visitor, post.id, { body: 'Je passe' }).expect(403);
    await commentAs(t, visitor, post.id, { body: 'Je réponds', parentId: comment.id }).expect(403);
    expect((await postSeenBy(member, post.id)).commentCount).toBe(1);
  });

  it('keeps a muted member reading but not commenting', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    await setMembershipStatus(t, sphere.id, other.id, 'muted');
    await commentAs(t, other, post.id, { body: 'Chut' }).expect(403);
    const list = await commentsOf(other, post.id).expect(200);
    expect(list.body.items).toEqual([]);
    expect((await postSeenBy(member, post.id)).commentCount).toBe(0);
  });

  it('refuses comments on a pending post (409 for its author, 404 for others)', async () => {
    const { sphere, member, other, animator } = await sphereWithPeople(t, { moderationMode: 'pre' });
    const pending = await createPost(t, member, sphere.id);
    expect(pending.status).toBe('pending');
    const refused = await commentAs(t, member, pending.id, { body: 'Vite' }).expect(409);
    expect(refused.body.type).toBe('post-not-published');
    await commentAs(t, other, pending.id, { body: 'Je vois ?' }).expect(404);
    await commentsOf(other, pending.id).expect(404);
    await commentAs(t, animator, pending.id, { body: 'Avant approbation' }).expect(409);
    expect((await postSeenBy(member, pending.id)).commentCount).toBe(0);
  });

  it('validates the body and answers 404 for an unknown post or a user outside the sphere', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    const outsider = (await sphereWithPeople(t)).member;
    const post = await createPost(t, member, sphere.id);
    for (const body of [{ body: '' }, { body: '   \n ' }, {}, { body: 'x'.repeat(5001) }]) {
      const response = await commentAs(t, member, post.id, body).expect(422);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['body']);
    }
    await commentAs(t, member, post.id, { body: 'ok', parentId: 'not-a-uuid' }).expect(422);
    await commentAs(t, member, post.id, { body: 'ok', extra: 1 }).expect(422);
    await commentAs(t, member, '00000000-0000-7000-8000-000000000000', { body: 'Personne' }).expect(404);
    await commentAs(t, member, 'not-a-uuid', { body: 'Personne' }).expect(404);
    await commentsOf(member, '00000000-0000-7000-8000-000000000000').expect(404);
    await commentAs(t, outsider, post.id, { body: 'Intrus' }).expect(404);
    await commentsOf(outsider, post.id).expect(404);
    expect((await postSeenBy(member, post.id)).commentCount).toBe(0);
  });

  it('renders comment Markdown to sanitised HTML', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    const body = '**Bravo** <script>alert(1)</script> <img src=x onerror=alert(2)> [lien](javascript:alert(3))';
    const comment = await createComment(t, other, post.id, body);
    expect(comment.body).toBe(body);
    expect(comment.html).toContain('<strong>Bravo</strong>');
    expect(comment.html).not.toMatch(/<script|<img|href="javascript/i);
    const [listed] = (await commentsOf(member, post.id).expect(200)).body.items;
    expect(listed.html).toBe(comment.html);
  });
});
