import { randomBytes } from 'node:crypto';
import { Socket } from 'socket.io-client';
import { EntityManager } from 'typeorm';
import { ContentModeration, ModeratedStatus } from '@alveole/content';
import {
  commentAs,
  createComment,
  createPost,
  mentionsAnnounced,
  setMembershipStatus,
  sphereFeedIds,
  sphereWithPeople,
} from '../factories/content';
import { as } from '../factories/structure';
import { TestUser } from '../factories/users';
import { connected, EventLog, nextEvent, openSocket, subscribe } from '../support/sockets';
import { startTestApp, TestApp } from '../support/test-app';

type Target = { type: 'post' | 'comment'; id: string };
const ids = (items: { id: string }[]) => items.map((item) => item.id);

/**
 * Hidden and removed content (issue 11), driven as the moderation context drives it: ContentModeration
 * inside the caller's transaction; checked through what each reader then gets over HTTP.
 */
describe('hidden and removed content', () => {
  let t: TestApp;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await t.close();
  });

  const inTransaction = <T>(work: (service: ContentModeration, manager: EntityManager) => Promise<T>) =>
    t.db.transaction((manager) => work(t.app.get(ContentModeration), manager));
  const moderate = (target: Target, status: ModeratedStatus, actorId: string | null = null) =>
    inTransaction((service, manager) => service.setStatus(manager, target, status, actorId));

  const getPost = (reader: TestUser, id: string) => t.http.get(`/api/v1/posts/${id}`).set(as(reader));
  const homeIds = async (reader: TestUser) =>
    ids((await t.http.get('/api/v1/feed').set(as(reader)).expect(200)).body.items);
  const searchIds = async (reader: TestUser, q: string) =>
    (await t.http.get('/api/v1/search').query({ q }).set(as(reader)).expect(200)).body.items.map(
      (hit: { post: { id: string } }) => hit.post.id,
    );
  const commentsSeen = async (reader: TestUser, postId: string) =>
    (await t.http.get(`/api/v1/posts/${postId}/comments`).set(as(reader)).expect(200)).body.items.map(
      (c: { id: string; status: string }) => `${c.id}:${c.status}`,
    );
  const outboxCount = async (event: string, key: string, id: string) => {
    const [row] = await t.db.query(
      `SELECT count(*)::int AS count FROM outbox WHERE event_name = $1 AND payload->>$2 = $3`,
      [event, key, id],
    );
    return row.count as number;
  };
  const topicWord = () => `ocelot${randomBytes(4).toString('hex').replace(/\d/g, 'q')}`;

  it('hides a post from a member’s feeds and search, not from its author and animator; restoring brings it back', async () => {
    const { sphere, animator, member, other } = await sphereWithPeople(t);
    const topic = topicWord();
    const post = await createPost(t, member, sphere.id, `Rendez-vous ${topic}`);

    const hidden = await moderate({ type: 'post', id: post.id }, 'hidden');
    expect(hidden).toMatchObject({ type: 'post', id: post.id, postId: post.id, status: 'hidden', authorId: member.id });
    expect(hidden.spherePath).toEqual(expect.any(String));
    await getPost(other, post.id).expect(404);
    expect(await sphereFeedIds(t, other, sphere.id)).toEqual([]);
    expect(await homeIds(other)).toEqual([]);
    expect(await searchIds(other, topic)).toEqual([]);
    for (const reader of [member, animator]) {
      expect((await getPost(reader, post.id).expect(200)).body.status).toBe('hidden');
      expect(await sphereFeedIds(t, reader, sphere.id)).toEqual([post.id]);
      expect(await homeIds(reader)).toEqual([post.id]);
      expect(await searchIds(reader, topic)).toEqual([post.id]);
    }

    expect((await moderate({ type: 'post', id: post.id }, 'published', animator.id)).status).toBe('published');
    expect((await getPost(other, post.id).expect(200)).body.status).toBe('published');
    expect(await sphereFeedIds(t, other, sphere.id)).toEqual([post.id]);
    expect(await homeIds(other)).toEqual([post.id]);
    expect(await searchIds(other, topic)).toEqual([post.id]);
    expect(await outboxCount('post.moderated', 'postId', post.id)).toBe(2);
  });

  it('takes a removed post out of every feed and search; its author and animators still GET it', async () => {
    const { sphere, animator, member, other } = await sphereWithPeople(t);
    const topic = topicWord();
    const post = await createPost(t, member, sphere.id, `Collecte ${topic}`);
    await moderate({ type: 'post', id: post.id }, 'removed', animator.id);
    // unchanged: nothing written, nothing published again
    expect((await moderate({ type: 'post', id: post.id }, 'removed', animator.id)).status).toBe('removed');
    expect(await outboxCount('post.moderated', 'postId', post.id)).toBe(1);

    for (const reader of [member, animator, other]) {
      expect(await sphereFeedIds(t, reader, sphere.id)).toEqual([]);
      expect(await homeIds(reader)).toEqual([]);
      expect(await searchIds(reader, topic)).toEqual([]);
    }
    for (const reader of [member, animator])
      expect((await getPost(reader, post.id).expect(200)).body.status).toBe('removed');
    await getPost(other, post.id).expect(404);
    // nobody comments or reacts on it, its author included
    expect((await commentAs(t, member, post.id, { body: 'Et alors ?' }).expect(409)).body.type).toBe(
      'post-not-published',
    );
  });

  it('finds targets (null once deleted by their author) and answers 404 for an unknown one', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    const comment = await createComment(t, other, post.id);
    const service = t.app.get(ContentModeration);
    expect(await service.find('comment', comment.id)).toMatchObject({
      type: 'comment',
      id: comment.id,
      postId: post.id,
      sphereId: sphere.id,
      authorId: other.id,
      status: 'published',
    });
    expect(await inTransaction((s, manager) => s.find('post', post.id, manager))).toMatchObject({
      status: 'published',
    });
    await t.http.delete(`/api/v1/posts/${post.id}`).set(as(member)).expect(204);
    expect(await service.find('post', post.id)).toBeNull();
    expect(await service.find('comment', comment.id)).toBeNull();
    await expect(moderate({ type: 'comment', id: comment.id }, 'hidden')).rejects.toMatchObject({ status: 404 });
  });

  it('lists a hidden comment to its author and animators, a removed one to animators; counts published ones', async () => {
    const { sphere, animator, member, other } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    const first = await createComment(t, other, post.id, 'Hors charte');
    const reply = await createComment(t, member, post.id, 'Réponse', first.id);
    const second = await createComment(t, member, post.id, 'Merci');
    const count = async () => (await getPost(member, post.id).expect(200)).body.commentCount as number;
    expect(await commentsSeen(member, post.id)).toEqual([first, reply, second].map((c) => `${c.id}:published`));

    await moderate({ type: 'comment', id: first.id }, 'hidden', animator.id);
    const rest = [`${reply.id}:published`, `${second.id}:published`];
    // the reply follows its own status
    expect(await commentsSeen(member, post.id)).toEqual(rest);
    for (const reader of [other, animator])
      expect(await commentsSeen(reader, post.id)).toEqual([`${first.id}:hidden`, ...rest]);
    expect(await count()).toBe(2);

    await moderate({ type: 'comment', id: first.id }, 'removed', animator.id);
    expect(await commentsSeen(other, post.id)).toEqual(rest);
    expect(await commentsSeen(animator, post.id)).toEqual([`${first.id}:removed`, ...rest]);
    expect(await count()).toBe(2);

    await moderate({ type: 'comment', id: first.id }, 'published', animator.id);
    expect(await commentsSeen(member, post.id)).toEqual([`${first.id}:published`, ...rest]);
    expect(await count()).toBe(3);
    expect(await outboxCount('comment.moderated', 'commentId', first.id)).toBe(3);
  });

  it('approves a pending post in the caller’s transaction as the route does; 409 when it is not pending', async () => {
    const { sphere, animator, member, other } = await sphereWithPeople(t, { moderationMode: 'pre' });
    const post = await createPost(t, member, sphere.id, `Bonjour @${other.displayName}`);
    expect(post.status).toBe('pending');
    await expect(moderate({ type: 'post', id: post.id }, 'published')).rejects.toMatchObject({
      status: 409,
      type: 'post-pending',
    });

    const approved = await inTransaction((s, manager) => s.approvePending(manager, post.id, animator.id));
    expect(approved).toMatchObject({ id: post.id, status: 'published' });
    expect(await sphereFeedIds(t, other, sphere.id)).toEqual([post.id]);
    expect(await outboxCount('post.approved', 'postId', post.id)).toBe(1);
    expect(await mentionsAnnounced(t, post.id)).toEqual([other.id]);

    await expect(inTransaction((s, manager) => s.approvePending(manager, post.id, animator.id))).rejects.toMatchObject({
      status: 409,
      type: 'post-not-pending',
    });
    const unknown = '00000000-0000-7000-8000-000000000000';
    await expect(inTransaction((s, manager) => s.approvePending(manager, unknown, animator.id))).rejects.toMatchObject({
      status: 404,
    });
  });

  it('answers member-muted to a muted member editing a post, commenting or replying', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    const comment = await createComment(t, other, post.id);
    await setMembershipStatus(t, sphere.id, member.id, 'muted');
    const edit = await t.http.patch(`/api/v1/posts/${post.id}`).set(as(member)).send({ body: 'Modifié' }).expect(403);
    expect(edit.body.type).toBe('member-muted');
    expect((await commentAs(t, member, post.id, { body: 'Chut' }).expect(403)).body.type).toBe('member-muted');
    const reply = await commentAs(t, member, post.id, { body: 'Chut', parentId: comment.id }).expect(403);
    expect(reply.body.type).toBe('member-muted');
  });

  /** A socket subscribed to the sphere, with a log of the sphere's events. */
  async function listening(user: TestUser, sphereId: string) {
    const socket = await connected(openSocket(t.url, user.accessToken));
    sockets.push(socket);
    expect(await subscribe(socket, sphereId)).toEqual({ ok: true });
    return { socket, log: new EventLog(socket) };
  }

  it('tells the sphere a post or comment is gone, and its author and animators its new status', async () => {
    const { sphere, animator, member, other } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    const comment = await createComment(t, member, post.id);
    const [reader, author, moderator] = [
      await listening(other, sphere.id),
      await listening(member, sphere.id),
      await listening(animator, sphere.id),
    ];
    const byId = (payload: { id?: unknown }) => payload.id === post.id;

    const removed = nextEvent(reader.socket, 'comment.removed');
    await moderate({ type: 'comment', id: comment.id }, 'hidden', animator.id);
    expect(await removed).toEqual({ id: comment.id, postId: post.id, sphereId: sphere.id, commentCount: 0 });
    const back = nextEvent(reader.socket, 'comment.created');
    await moderate({ type: 'comment', id: comment.id }, 'published', animator.id);
    expect(await back).toMatchObject({ id: comment.id, status: 'published', commentCount: 1 });

    const gone = nextEvent(reader.socket, 'post.removed');
    const toAuthor = nextEvent(author.socket, 'post.updated', byId);
    const toModerator = nextEvent(moderator.socket, 'post.updated', byId);
    await moderate({ type: 'post', id: post.id }, 'hidden', null);
    expect(await gone).toEqual({ id: post.id, sphereId: sphere.id });
    expect(await toAuthor).toMatchObject({ id: post.id, status: 'hidden' });
    expect(await toModerator).toMatchObject({ id: post.id, status: 'hidden' });

    // an edit of the hidden post reaches its author and the animators, not the sphere
    const edited = nextEvent(moderator.socket, 'post.updated', (p: { body?: unknown }) => p.body === 'Corrigé');
    await t.http.patch(`/api/v1/posts/${post.id}`).set(as(member)).send({ body: 'Corrigé' }).expect(200);
    await edited;
    const restored = nextEvent(reader.socket, 'post.created', byId);
    await moderate({ type: 'post', id: post.id }, 'published', animator.id);
    expect(await restored).toMatchObject({ id: post.id, status: 'published', body: 'Corrigé' });
    // the edit went out before the restoration: had it reached the sphere, it would be in this log
    expect(reader.log.summary()).toEqual([
      `comment.removed:${post.id}`,
      `comment.created:${post.id}`,
      `post.removed:${post.id}`,
      `post.created:${post.id}`,
    ]);
  });
});
