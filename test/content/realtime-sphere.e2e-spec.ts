import { Socket } from 'socket.io-client';
import { as, createOrganisation, createSphere, instanceAdmin, putMember, registerUser } from '../factories/structure';
import { TestUser } from '../factories/users';
import { connected, EventLog, nextEvent, openSocket, subscribe, unsubscribe } from '../support/sockets';
import { startTestApp, TestApp } from '../support/test-app';

type Payload = Record<string, unknown>;
const byId = (id: string) => (payload: Payload) => payload.id === id;

/**
 * A sphere's events across api nodes (DESIGN.md §1 and §3): sockets are held by node A while every
 * write goes through node B; rooms are shared through Redis, and so is taking a socket out of them.
 */
describe('sphere events in realtime, across api nodes', () => {
  let nodeA: TestApp;
  let nodeB: TestApp;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    nodeA = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' }, withWorker: true });
    nodeB = await startTestApp({ sharing: nodeA });
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await nodeB.close();
    await nodeA.close();
  });

  /** A private sphere with its admin, an animator and three members (fresh users each time). */
  async function sphereWithPeople(fields: Record<string, unknown> = {}) {
    const owner = await instanceAdmin(nodeA);
    const organisation = await createOrganisation(nodeA, owner);
    const sphere = await createSphere(nodeA, owner, organisation.id, { visibility: 'private', ...fields });
    const [admin, animator, alice, bob, carol] = await Promise.all(
      Array.from({ length: 5 }, () => registerUser(nodeA.http)),
    );
    await putMember(nodeA, owner, sphere.id, admin.id, 'sphere_admin');
    await putMember(nodeA, owner, sphere.id, animator.id, 'animator');
    for (const member of [alice, bob, carol]) await putMember(nodeA, owner, sphere.id, member.id, 'member');
    return { sphereId: sphere.id, admin, animator, alice, bob, carol };
  }

  /** A socket on node A, subscribed to the sphere. */
  async function listening(user: TestUser, sphereId: string): Promise<Socket> {
    const socket = await connected(openSocket(nodeA.url, user.accessToken));
    sockets.push(socket);
    expect(await subscribe(socket, sphereId)).toEqual({ ok: true });
    return socket;
  }

  /** Writes go through node B. */
  const onB = (user: TestUser) => ({
    post: (path: string, body?: object) => nodeB.http.post(`/api/v1${path}`).set(as(user)).send(body),
    put: (path: string, body?: object) => nodeB.http.put(`/api/v1${path}`).set(as(user)).send(body),
    delete: (path: string) => nodeB.http.delete(`/api/v1${path}`).set(as(user)),
  });
  async function postOnB(author: TestUser, sphereId: string, body = `News ${Math.random()}`) {
    const response = await onB(author).post(`/spheres/${sphereId}/posts`, { body });
    expect(response.status).toBe(201);
    return response.body as { id: string; status: string };
  }

  it('delivers post.created on node A for a post made through node B, with no personal field in any payload', async () => {
    const { sphereId, alice, bob } = await sphereWithPeople();
    const socket = await listening(alice, sphereId);
    const log = new EventLog(socket);

    const created = nextEvent(socket, 'post.created');
    const post = await postOnB(bob, sphereId, 'Distribution samedi 9h');
    expect(await created).toMatchObject({ id: post.id, sphereId, body: 'Distribution samedi 9h', status: 'published' });

    const reacted = nextEvent(socket, 'reaction.changed');
    await onB(bob).put(`/posts/${post.id}/reactions/like`).expect(200);
    expect(await reacted).toEqual({ postId: post.id, sphereId, reactionCounts: { like: 1 } });
    const updated = nextEvent(socket, 'post.updated');
    await onB(alice).post(`/posts/${post.id}/comments`, { body: 'Count me in' }).expect(201);
    await nodeB.http
      .patch(`/api/v1/posts/${post.id}`)
      .set(as(bob))
      .send({ body: 'Distribution samedi 10h' })
      .expect(200);
    expect(await updated).toMatchObject({ id: post.id, body: 'Distribution samedi 10h' });
    // the REST answer carries the caller's own reactions; a room's broadcast never does
    expect(log.received.map((r) => r.event)).toEqual([
      'post.created',
      'reaction.changed',
      'comment.created',
      'post.updated',
    ]);
    for (const { payload } of log.received) expect(payload).not.toHaveProperty('myReactions');
  });

  it("refuses an outsider's subscribe (not-found) and a malformed one", async () => {
    const { sphereId } = await sphereWithPeople();
    const outsider = await registerUser(nodeA.http);
    const socket = await connected(openSocket(nodeA.url, outsider.accessToken));
    sockets.push(socket);
    expect(await subscribe(socket, sphereId)).toEqual({ ok: false, error: 'not-found' });
    expect(await subscribe(socket, 'not-a-sphere')).toEqual({ ok: false, error: 'invalid-request' });
  });

  it('takes a removed member out of the sphere at once: the next post reaches the others, not them', async () => {
    const { sphereId, admin, alice, bob, carol } = await sphereWithPeople();
    const removed = await listening(alice, sphereId);
    const remaining = await listening(carol, sphereId);
    const removedLog = new EventLog(removed, ['post.created', 'membership.changed']);

    const told = nextEvent(removed, 'membership.changed');
    await onB(admin).delete(`/spheres/${sphereId}/members/${alice.id}`).expect(204);
    const after = await postOnB(bob, sphereId);
    await nextEvent(remaining, 'post.created', byId(after.id));
    expect(await told).toEqual({ sphereId, role: null, status: 'removed' });
    // an event to Alice's own socket, sent after the post: had the post reached her, it would be here first
    const readded = nextEvent(removed, 'membership.changed', (p) => p.status === 'active');
    await onB(admin).put(`/spheres/${sphereId}/members/${alice.id}`, { role: 'member' }).expect(201);
    await readded;
    expect(removedLog.received.map((r) => `${r.event}:${String(r.payload.status)}`)).toEqual([
      'membership.changed:removed',
      'membership.changed:active',
    ]);
  });

  it('stops delivery on unsubscribe, and resumes on subscribe', async () => {
    const { sphereId, alice, bob, carol } = await sphereWithPeople();
    const socket = await listening(alice, sphereId);
    const witness = await listening(carol, sphereId);
    const log = new EventLog(socket);
    expect(await unsubscribe(socket, sphereId)).toEqual({ ok: true });
    const missedOnA = nextEvent(witness, 'post.created');
    const missed = await postOnB(bob, sphereId);
    // node B's answer does not mean node A has had the emit through Redis: a socket of node A that got it does
    await missedOnA;
    expect(await subscribe(socket, sphereId)).toEqual({ ok: true });
    const seen = await postOnB(bob, sphereId);
    // both were sent to the room in this order: the second arriving alone means the first never came
    await nextEvent(socket, 'post.created', byId(seen.id));
    expect(log.summary()).toEqual([`post.created:${seen.id}`]);
    expect(log.summary()).not.toContain(`post.created:${missed.id}`);
  });

  it("stops sending pending posts to an animator demoted to member, who still gets the sphere's published ones", async () => {
    const { sphereId, admin, animator, bob } = await sphereWithPeople({ moderationMode: 'pre' });
    const socket = await listening(animator, sphereId);
    const log = new EventLog(socket);

    const before = await postOnB(bob, sphereId);
    expect(before.status).toBe('pending');
    expect(await nextEvent(socket, 'post.created', byId(before.id))).toMatchObject({ status: 'pending' });

    const told = nextEvent(socket, 'membership.changed');
    await onB(admin).put(`/spheres/${sphereId}/members/${animator.id}`, { role: 'member' }).expect(200);
    const pending = await postOnB(bob, sphereId);
    expect(pending.status).toBe('pending');
    // the sphere admin's own post skips pre-moderation and goes to the whole sphere, after the pending one
    const published = await postOnB(admin, sphereId);
    expect(published.status).toBe('published');
    await nextEvent(socket, 'post.created', byId(published.id));
    expect(await told).toEqual({ sphereId, role: 'member', status: 'active' });
    expect(log.summary()).toEqual([`post.created:${before.id}`, `post.created:${published.id}`]);
  });
});
