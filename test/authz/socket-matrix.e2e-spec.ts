import { Socket } from 'socket.io-client';
import { ContentModeration, ModeratedStatus } from '@alveole/content';
import { RealtimePublisher, Rooms } from '@alveole/realtime';
import { as, createSphere, putMember } from '../factories/structure';
import { TestUser } from '../factories/users';
import { Ack, connected, EventLog, nextEvent, openSocket, refused, SPHERE_EVENTS, subscribe } from '../support/sockets';
import { startTestApp, TestApp } from '../support/test-app';
import { buildWorld, contentTarget, Principal, PRINCIPALS, World } from './principals';

type SignedIn = Exclude<Principal, 'anonymous'>;
const SIGNED_IN = PRINCIPALS.filter((p): p is SignedIn => p !== 'anonymous');
const READERS: SignedIn[] = ['visitor', 'member', 'animator', 'sphere_admin'];

/**
 * DESIGN.md §3, socket side: `subscribe` answers with the same rules as GET /spheres/:id/posts
 * (read_content), and a sphere's events reach its readers only; a pending post reaches its
 * animators and its author only. Those who see the sphere without reading it are refused with
 * 'forbidden' (the routes' 403), those who may not see it with 'not-found' (404).
 */
describe('authorisation matrix: socket subscriptions and events', () => {
  let t: TestApp;
  let world: World;
  const sockets: Partial<Record<SignedIn, Socket>> = {};
  const logs: Partial<Record<SignedIn, EventLog>> = {};
  const extra: Socket[] = [];
  let sphereId: string;
  let barriers = 0;

  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '100000' } });
    world = await buildWorld(t);
    sphereId = await contentTarget(world);
    for (const principal of SIGNED_IN) {
      const socket = await connected(openSocket(t.url, world.users[principal].accessToken));
      sockets[principal] = socket;
      logs[principal] = new EventLog(socket, [...SPHERE_EVENTS, 'moderation_case.updated']);
    }
  }, 60_000);
  afterAll(async () => {
    [...Object.values(sockets), ...extra].forEach((socket) => socket.disconnect());
    await t.close();
  });

  const http = (user: TestUser) => ({
    post: (path: string, body?: object) => t.http.post(`/api/v1${path}`).set(as(user)).send(body),
    put: (path: string) => t.http.put(`/api/v1${path}`).set(as(user)),
    patch: (path: string, body: object) => t.http.patch(`/api/v1${path}`).set(as(user)).send(body),
    delete: (path: string) => t.http.delete(`/api/v1${path}`).set(as(user)),
  });

  /**
   * Everything sent before now has reached every socket: a last event to each user's own room,
   * sent after the others from the same node, arrives after them on each connection.
   */
  async function settle(principals: SignedIn[] = SIGNED_IN): Promise<void> {
    const tag = ++barriers;
    const arrived = principals.map((p) =>
      nextEvent(sockets[p]!, 'test.barrier', (b: { tag: number }) => b.tag === tag),
    );
    for (const p of principals)
      t.app
        .get(RealtimePublisher)
        .deliver([{ rooms: [Rooms.user(world.users[p].id)], event: 'test.barrier', data: { tag } }]);
    await Promise.all(arrived);
  }

  /** What each principal received since `marks`, as `event:postId`. */
  function receivedSince(marks: Record<string, number>): Record<string, string[]> {
    return Object.fromEntries(SIGNED_IN.map((p) => [p, logs[p]!.summary(marks[p])]));
  }
  const marks = () => Object.fromEntries(SIGNED_IN.map((p) => [p, logs[p]!.received.length]));
  const only = (who: SignedIn[], events: string[]) =>
    Object.fromEntries(SIGNED_IN.map((p) => [p, who.includes(p) ? events : []]));

  it('refuses a socket without a token: anonymous cannot even connect', async () => {
    const anonymous = openSocket(t.url);
    extra.push(anonymous);
    expect((await refused(anonymous)).message).toBe('unauthorized');
  });

  it("renews a socket's session with its own user's token only, for every principal", async () => {
    const answers: Record<string, unknown[]> = {};
    for (const principal of SIGNED_IN) {
      const socket = sockets[principal]!;
      const someoneElse = SIGNED_IN.find((p) => p !== principal)!;
      const renew = (accessToken: string) => socket.timeout(5_000).emitWithAck('session.renew', { accessToken });
      answers[principal] = [
        ((await renew(world.users[principal].accessToken)) as { ok: boolean }).ok,
        await renew(world.users[someoneElse].accessToken),
      ];
    }
    expect(answers).toEqual(
      Object.fromEntries(SIGNED_IN.map((p) => [p, [true, { ok: false, error: 'invalid-token' }]])),
    );
  });

  it('acks subscribe to the target sphere for its readers only', async () => {
    const acks: Record<string, Ack> = {};
    for (const principal of SIGNED_IN) acks[principal] = await subscribe(sockets[principal]!, sphereId);
    const forbidden = { ok: false, error: 'forbidden' };
    expect(acks).toEqual({
      outsider: { ok: false, error: 'not-found' },
      visitor: { ok: true },
      member: { ok: true },
      animator: { ok: true },
      sphere_admin: { ok: true },
      // they see the sphere (structure) but never read its content
      manager_in_scope: forbidden,
      manager_out_of_scope: forbidden,
      org_owner: forbidden,
      instance_admin: forbidden,
    });
  });

  it('tells a secret sphere apart: not-found for whoever may not see it, forbidden for those who see it', async () => {
    const secret = await createSphere(t, world.users.org_owner, world.organisationId, {
      parentId: world.regionA,
      visibility: 'secret',
    });
    const acks: Record<string, Ack> = {};
    for (const principal of SIGNED_IN) acks[principal] = await subscribe(sockets[principal]!, secret.id);
    const notFound = { ok: false, error: 'not-found' };
    const forbidden = { ok: false, error: 'forbidden' };
    expect(acks).toEqual({
      outsider: notFound,
      visitor: notFound,
      member: notFound,
      animator: notFound,
      sphere_admin: notFound,
      manager_in_scope: forbidden,
      manager_out_of_scope: notFound,
      org_owner: forbidden,
      instance_admin: forbidden,
    });
  });

  it("sends a published post's life (created, commented, reacted, edited, removed) to the sphere's readers only", async () => {
    const from = marks();
    const { member } = world.users;
    const created = await http(member).post(`/spheres/${sphereId}/posts`, { body: 'Assemblée jeudi' }).expect(201);
    const postId: string = created.body.id;
    await http(member).post(`/posts/${postId}/comments`, { body: 'I will come' }).expect(201);
    await http(member).put(`/posts/${postId}/reactions/like`).expect(200);
    await http(member).patch(`/posts/${postId}`, { body: 'Assemblée vendredi' }).expect(200);
    await http(member).delete(`/posts/${postId}`).expect(204);
    await settle();

    const life = ['post.created', 'comment.created', 'reaction.changed', 'post.updated', 'post.removed'];
    expect(receivedSince(from)).toEqual(
      only(
        READERS,
        life.map((event) => `${event}:${postId}`),
      ),
    );
    // one payload for the whole room: nothing personal to one reader
    for (const { payload } of logs.visitor!.received.slice(from.visitor))
      expect(payload).not.toHaveProperty('myReactions');
  });

  it("tells the sphere's readers a moderated post or comment is gone, and only its author and animators its status", async () => {
    const { member } = world.users;
    const postId: string = (await http(member).post(`/spheres/${sphereId}/posts`, { body: 'Hors charte' })).body.id;
    const commentId: string = (await http(member).post(`/posts/${postId}/comments`, { body: 'Idem' })).body.id;
    await settle();
    const from = marks();
    const moderate = (type: 'post' | 'comment', id: string, status: ModeratedStatus) =>
      t.db.transaction((manager) => t.app.get(ContentModeration).setStatus(manager, { type, id }, status, null));
    await moderate('comment', commentId, 'removed');
    await moderate('post', postId, 'hidden');
    await moderate('post', postId, 'published');
    await settle();

    const gone = [`comment.removed:${postId}`, `post.removed:${postId}`];
    const back = `post.created:${postId}`;
    // the visitor reads the sphere; the author (member) and the moderators' room also get the new status
    expect(receivedSince(from)).toEqual({
      ...only(['member', 'animator', 'sphere_admin'], [...gone, `post.updated:${postId}`, back]),
      visitor: [...gone, back],
    });
  });

  it("sends moderation_case.updated (reported, claimed, decided) to the sphere's moderators only", async () => {
    const { member, visitor, animator } = world.users;
    const created = await http(member).post(`/spheres/${sphereId}/posts`, { body: 'To be reported' }).expect(201);
    await settle();
    const from = marks();
    const filed = await http(visitor)
      .post('/reports', { targetType: 'post', targetId: created.body.id, reason: 'spam' })
      .expect(201);
    const caseId: string = filed.body.caseId;
    await http(animator).post(`/moderation/cases/${caseId}/claim`).expect(200);
    await http(animator)
      .post(`/moderation/cases/${caseId}/decisions`, { action: 'dismiss', reason: 'Within the charter' })
      .expect(200);
    await settle();
    const updates = Object.fromEntries(
      SIGNED_IN.map((p) => [
        p,
        logs[p]!.received.slice(from[p])
          .filter((r) => r.event === 'moderation_case.updated')
          .map((r) => `${String(r.payload.change)}:${String(r.payload.caseId === caseId)}`),
      ]),
    );
    expect(updates).toEqual(only(['animator', 'sphere_admin'], ['opened:true', 'claimed:true', 'decided:true']));
  });

  it("sends a pending post's post.created to the sphere's animators and its author only", async () => {
    await http(world.users.org_owner).patch(`/spheres/${sphereId}`, { moderationMode: 'pre' }).expect(200);
    const from = marks();
    const created = await http(world.users.member).post(`/spheres/${sphereId}/posts`, { body: 'Please approve' });
    expect(created.body.status).toBe('pending');
    await settle();
    expect(receivedSince(from)).toEqual(
      only(['member', 'animator', 'sphere_admin'], [`post.created:${created.body.id}`]),
    );

    // once approved, the whole sphere hears of it
    const approvedFrom = marks();
    await http(world.users.animator).post(`/posts/${created.body.id}/approve`).expect(200);
    await settle();
    expect(receivedSince(approvedFrom)).toEqual(only(READERS, [`post.created:${created.body.id}`]));
  });

  it("lets any principal with an active membership subscribe, without the animators' room unless they animate", async () => {
    const sphere = await contentTarget(world);
    // those who run the organisation or the instance, as plain visitors of the sphere (the instance admin, not
    // in the organisation, is the one who may add someone from outside it directly)
    const joined: SignedIn[] = ['manager_in_scope', 'org_owner', 'instance_admin'];
    for (const principal of joined)
      await putMember(t, world.users.instance_admin, sphere, world.users[principal].id, 'visitor');
    for (const principal of [...READERS, ...joined])
      expect([principal, await subscribe(sockets[principal]!, sphere)]).toEqual([principal, { ok: true }]);

    await http(world.users.org_owner).patch(`/spheres/${sphere}`, { moderationMode: 'pre' }).expect(200);
    const from = marks();
    const pending = await http(world.users.member).post(`/spheres/${sphere}/posts`, { body: 'Awaiting review' });
    expect(pending.body.status).toBe('pending');
    await settle();
    // REST agrees: a visitor of the sphere neither reads someone else's pending post nor finds it in the feed
    for (const principal of joined) {
      const reader = as(world.users[principal]);
      const one = await t.http.get(`/api/v1/posts/${pending.body.id}`).set(reader);
      const feed = await t.http.get(`/api/v1/spheres/${sphere}/posts`).set(reader);
      expect([principal, one.status, feed.body.items]).toEqual([principal, 404, []]);
    }
    expect(receivedSince(from)).toEqual(
      only(['member', 'animator', 'sphere_admin'], [`post.created:${pending.body.id}`]),
    );
  });
});
