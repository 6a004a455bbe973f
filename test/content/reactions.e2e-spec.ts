import { as, putMember, registerUser } from '../factories/structure';
import { TestUser } from '../factories/users';
import { createPost, react, setMembershipStatus, sphereWithPeople } from '../factories/content';
import { startTestApp, TestApp } from '../support/test-app';

describe('reactions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
  });
  afterAll(() => t.close());

  const put = (user: TestUser, postId: string, kind: string) =>
    t.http.put(`/api/v1/posts/${postId}/reactions/${kind}`).set(as(user));
  const remove = (user: TestUser, postId: string, kind: string) =>
    t.http.delete(`/api/v1/posts/${postId}/reactions/${kind}`).set(as(user));
  const postSeenBy = async (reader: TestUser, postId: string) =>
    (await t.http.get(`/api/v1/posts/${postId}`).set(as(reader)).expect(200)).body;
  /** What the reactions table holds for a post, as a reactionCounts map. */
  const storedCounts = async (postId: string) => {
    const rows: { kind: string; count: number }[] = await t.db.query(
      `SELECT kind, count(*)::int AS count FROM reactions WHERE post_id = $1 GROUP BY kind`,
      [postId],
    );
    return Object.fromEntries(rows.map((row) => [row.kind, row.count]));
  };

  it('is idempotent: PUT twice counts once, DELETE twice takes the kind away', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    const first = await put(other, post.id, 'celebrate').expect(200);
    expect(first.body).toEqual({ postId: post.id, reactionCounts: { celebrate: 1 }, myReactions: ['celebrate'] });
    const again = await put(other, post.id, 'celebrate').expect(200);
    expect(again.body).toEqual(first.body);
    await react(t, member, post.id, 'celebrate');
    await react(t, member, post.id, 'like');
    expect((await postSeenBy(other, post.id)).reactionCounts).toEqual({ celebrate: 2, like: 1 });

    const gone = await remove(other, post.id, 'celebrate').expect(200);
    expect(gone.body).toEqual({ postId: post.id, reactionCounts: { celebrate: 1, like: 1 }, myReactions: [] });
    await remove(other, post.id, 'celebrate').expect(200);
    await remove(member, post.id, 'celebrate').expect(200);
    const last = await remove(member, post.id, 'celebrate').expect(200);
    expect(last.body.reactionCounts).toEqual({ like: 1 });
    expect(last.body.myReactions).toEqual(['like']);
    // never reacted with these kinds: nothing to take away from the others' counts
    await remove(other, post.id, 'love').expect(200);
    const untouched = await remove(other, post.id, 'like').expect(200);
    expect(untouched.body).toEqual({ postId: post.id, reactionCounts: { like: 1 }, myReactions: [] });
    const seen = await postSeenBy(other, post.id);
    expect(seen.reactionCounts).toEqual({ like: 1 });
    expect(seen.reactionCounts).toEqual(await storedCounts(post.id));
  });

  it('shows myReactions to the reader only, on the post and in both feeds', async () => {
    const { sphere, member, other, animator } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    await react(t, other, post.id, 'love');
    await react(t, other, post.id, 'like');
    await react(t, animator, post.id, 'like');
    const feedItem = async (reader: TestUser, path: string) => {
      const response = await t.http.get(path).set(as(reader)).expect(200);
      return response.body.items.find((p: { id: string }) => p.id === post.id);
    };
    for (const path of [`/api/v1/spheres/${sphere.id}/posts`, '/api/v1/feed', `/api/v1/posts/${post.id}`]) {
      const seen = async (reader: TestUser) =>
        path.startsWith('/api/v1/posts/') ? postSeenBy(reader, post.id) : feedItem(reader, path);
      expect(await seen(other)).toMatchObject({ reactionCounts: { like: 2, love: 1 }, myReactions: ['like', 'love'] });
      expect(await seen(animator)).toMatchObject({ reactionCounts: { like: 2, love: 1 }, myReactions: ['like'] });
      expect(await seen(member)).toMatchObject({ reactionCounts: { like: 2, love: 1 }, myReactions: [] });
    }
  });

  it('takes only the known kinds', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    for (const kind of ['like', 'love', 'celebrate', 'support', 'insightful', 'curious'])
      await put(member, post.id, kind).expect(200);
    const refused = await put(member, post.id, 'angry').expect(422);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['kind']);
    await remove(member, post.id, 'LIKE').expect(422);
    expect(Object.keys((await postSeenBy(member, post.id)).reactionCounts).sort()).toEqual([
      'celebrate',
      'curious',
      'insightful',
      'like',
      'love',
      'support',
    ]);
  });

  it('refuses visitors, lets muted members react, and answers 404 / 409 where the post is out of reach', async () => {
    const { sphere, member, other, visitor } = await sphereWithPeople(t);
    const outsider = (await sphereWithPeople(t)).member;
    const post = await createPost(t, member, sphere.id);
    await put(visitor, post.id, 'like').expect(403);
    await remove(visitor, post.id, 'like').expect(403);
    await put(outsider, post.id, 'like').expect(404);
    await put(member, '00000000-0000-7000-8000-000000000000', 'like').expect(404);
    await setMembershipStatus(t, sphere.id, other.id, 'muted');
    const muted = await put(other, post.id, 'support').expect(200);
    expect(muted.body.reactionCounts).toEqual({ support: 1 });
    expect((await postSeenBy(visitor, post.id)).reactionCounts).toEqual({ support: 1 });

    const moderated = await sphereWithPeople(t, { moderationMode: 'pre' });
    const pending = await createPost(t, moderated.member, moderated.sphere.id);
    expect(pending.status).toBe('pending');
    const refused = await put(moderated.member, pending.id, 'like').expect(409);
    expect(refused.body.type).toBe('post-not-published');
    await put(moderated.other, pending.id, 'like').expect(404);
  });

  it('never double-counts concurrent reactions, nor concurrent removals', async () => {
    const { admin, sphere, member, other } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    const crowd = await Promise.all(Array.from({ length: 10 }, () => registerUser(t.http)));
    for (const user of crowd) await putMember(t, admin, sphere.id, user.id, 'member');
    await react(t, member, post.id, 'love');

    const puts = [
      ...Array.from({ length: 20 }, () => put(other, post.id, 'love')),
      ...crowd.map((user) => put(user, post.id, 'like')),
      ...crowd.slice(0, 5).map((user) => put(user, post.id, 'like')),
      ...crowd.slice(0, 4).map((user) => put(user, post.id, 'curious')),
    ];
    const answers = await Promise.all(puts.map((request) => request.then((r) => r.status)));
    expect(answers.every((status) => status === 200)).toBe(true);
    const after = await postSeenBy(other, post.id);
    expect(after.reactionCounts).toEqual({ love: 2, like: 10, curious: 4 });
    expect(after.myReactions).toEqual(['love']);
    expect(after.reactionCounts).toEqual(await storedCounts(post.id));

    const deletes = [
      ...Array.from({ length: 20 }, () => remove(other, post.id, 'love')),
      ...crowd.flatMap((user) => [remove(user, post.id, 'like'), remove(user, post.id, 'like')]),
      ...crowd.slice(0, 2).map((user) => remove(user, post.id, 'curious')),
    ];
    const removed = await Promise.all(deletes.map((request) => request.then((r) => r.status)));
    expect(removed.every((status) => status === 200)).toBe(true);
    // the member's love stays: twenty removals by another user take away only that user's one
    const end = await postSeenBy(member, post.id);
    expect(end.reactionCounts).toEqual({ love: 1, curious: 2 });
    expect(end.myReactions).toEqual(['love']);
    expect(end.reactionCounts).toEqual(await storedCounts(post.id));
  });
});
