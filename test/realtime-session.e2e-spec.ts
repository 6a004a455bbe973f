import { Socket } from 'socket.io-client';
import { DomainEvents } from '@alveole/core';
import { IdentityEvents } from '@alveole/identity';
import { as, createOrganisation, createSphere, instanceAdmin, putMember, registerUser } from './factories/structure';
import { TestUser } from './factories/users';
import { connected, EventLog, nextEvent, openSocket, refused, subscribe } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

const DEADLINE_MS = 1_000;

/** The access token's expiry (epoch ms), read from its payload. */
function expiryOf(accessToken: string): number {
  const payload = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as { exp: number };
  return payload.exp * 1000;
}

/** Resolves when the server ends the socket; fails if that has not happened `withinMs` from now. */
function ended(socket: Socket, withinMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    if (socket.disconnected) return resolve('already disconnected');
    const timer = setTimeout(() => reject(new Error(`the socket was still open after ${withinMs} ms`)), withinMs);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/**
 * A socket ends with its session (issue 9), on every api node: sockets are held by node A, sessions end
 * through node B; node C issues short-lived access tokens (ACCESS_TOKEN_TTL_SECONDS=3) for the expiry case.
 */
describe('realtime sockets end with their session, across api nodes', () => {
  let nodeA: TestApp;
  let nodeB: TestApp;
  let shortLived: TestApp;
  let owner: TestUser;
  let poster: TestUser;
  let posterSocket: Socket;
  let sphereId: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    nodeA = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
    nodeB = await startTestApp({ sharing: nodeA });
    shortLived = await startTestApp({ sharing: nodeA, env: { ACCESS_TOKEN_TTL_SECONDS: '3' } });
    owner = await instanceAdmin(nodeA);
    const organisation = await createOrganisation(nodeA, owner);
    sphereId = (await createSphere(nodeA, owner, organisation.id, { visibility: 'private' })).id;
    poster = await registerUser(nodeA.http);
    await putMember(nodeA, owner, sphereId, poster.id, 'member');
    posterSocket = await listening(poster.accessToken);
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await shortLived.close();
    await nodeB.close();
    await nodeA.close();
  });

  /** A socket on node A subscribed to the sphere. */
  async function listening(accessToken: string): Promise<Socket> {
    const socket = await connected(openSocket(nodeA.url, accessToken));
    sockets.push(socket);
    expect(await subscribe(socket, sphereId)).toEqual({ ok: true });
    return socket;
  }

  async function member(): Promise<TestUser> {
    const user = await registerUser(nodeA.http);
    await putMember(nodeA, owner, sphereId, user.id, 'member');
    return user;
  }

  /** A post written through node B: what each log received once the poster's own socket has it. */
  async function postOnB(): Promise<string> {
    const response = await nodeB.http
      .post(`/api/v1/spheres/${sphereId}/posts`)
      .set(as(poster))
      .send({ body: `News ${Math.random()}` });
    expect(response.status).toBe(201);
    const postId = response.body.id as string;
    await nextEvent(posterSocket, 'post.created', (post: { id: string }) => post.id === postId);
    return postId;
  }

  const reasons = (socket: Socket) => new EventLog(socket, ['session.expired']);

  it('ends a socket when its access token expires, unless renewed on the socket with a fresh token', async () => {
    const member_ = await member();
    // signed in on the node with short-lived tokens, right before connecting
    const login = await shortLived.http
      .post('/api/v1/auth/login')
      .send({ email: member_.email, password: member_.password });
    expect(login.status).toBe(200);
    const user = { ...member_, accessToken: login.body.accessToken as string, refreshToken: login.body.refreshToken };
    const expiresAt = expiryOf(user.accessToken);
    const [plain, renewing] = [await listening(user.accessToken), await listening(user.accessToken)];
    const plainLog = new EventLog(plain);
    const notices = reasons(plain);

    const refreshed = await nodeA.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken });
    expect(refreshed.status).toBe(200);
    const renewal = await renewing.timeout(5_000).emitWithAck('session.renew', {
      accessToken: refreshed.body.accessToken,
    });
    expect(renewal).toEqual({ ok: true, expiresAt: new Date(expiryOf(refreshed.body.accessToken)).toISOString() });
    // someone else's token, or no token, renews nothing
    expect(await renewing.timeout(5_000).emitWithAck('session.renew', { accessToken: poster.accessToken })).toEqual({
      ok: false,
      error: 'invalid-token',
    });
    expect(await renewing.timeout(5_000).emitWithAck('session.renew', {})).toEqual({
      ok: false,
      error: 'invalid-request',
    });

    expect(await ended(plain, expiresAt + DEADLINE_MS - Date.now())).toBe('io server disconnect');
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);
    expect(notices.received.map((r) => r.payload)).toEqual([{ reason: 'expired' }]);
    const postId = await postOnB();
    await nextEvent(renewing, 'post.created', (post: { id: string }) => post.id === postId);
    expect(plainLog.summary()).toEqual([]);
    expect(renewing.connected).toBe(true);
    // the expired token opens no new socket
    expect((await refused(openSocket(nodeA.url, user.accessToken))).message).toBe('unauthorized');
  });

  it('ends the sockets of the signed-out device at once, and only those', async () => {
    const user = await member();
    const otherDevice = await nodeA.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password });
    expect(otherDevice.status).toBe(200);
    const [signedOut, stillIn] = [await listening(user.accessToken), await listening(otherDevice.body.accessToken)];
    const notices = reasons(signedOut);
    const signedOutLog = new EventLog(signedOut);

    await nodeB.http.post('/api/v1/auth/logout').send({ refreshToken: user.refreshToken }).expect(204);
    expect(await ended(signedOut, DEADLINE_MS)).toBe('io server disconnect');
    expect(notices.received.map((r) => r.payload)).toEqual([{ reason: 'logout' }]);
    const postId = await postOnB();
    await nextEvent(stillIn, 'post.created', (post: { id: string }) => post.id === postId);
    expect(signedOutLog.summary()).toEqual([]);
    // its access token has not expired, but its login is over: no new socket with it
    expect((await refused(openSocket(nodeA.url, user.accessToken))).message).toBe('unauthorized');
  });

  it('ends the sockets of a login whose refresh family was revoked for reuse', async () => {
    const user = await member();
    const first = await nodeA.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken });
    // rotated twice: the first token's successor was used, so presenting it again is a reuse
    const rotated = await nodeA.http.post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken });
    expect([first.status, rotated.status]).toEqual([200, 200]);
    const socket = await listening(rotated.body.accessToken);
    const notices = reasons(socket);

    const reuse = await nodeB.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken });
    expect([reuse.status, reuse.body.type]).toEqual([401, expect.stringContaining('refresh-token-reused')]);
    expect(await ended(socket, DEADLINE_MS)).toBe('io server disconnect');
    expect(notices.received.map((r) => r.payload)).toEqual([{ reason: 'revoked' }]);
    expect((await refused(openSocket(nodeA.url, rotated.body.accessToken))).message).toBe('unauthorized');
  });

  // There is no account-deletion route yet: the deletion it will do (row gone, `user.deleted` in its transaction)
  it('ends every socket of a deleted account', async () => {
    const user = await member();
    const secondLogin = await nodeA.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password });
    const sockets = [await listening(user.accessToken), await listening(secondLogin.body.accessToken)];
    const notices = sockets.map(reasons);

    await nodeB.db.transaction(async (manager) => {
      await manager.query('DELETE FROM users WHERE id = $1', [user.id]);
      await nodeB.app.get(DomainEvents).publish(manager, IdentityEvents.userDeleted(user.id));
    });
    await Promise.all(sockets.map((socket) => ended(socket, DEADLINE_MS)));
    expect(notices.map((log) => log.received.map((r) => r.payload))).toEqual([
      [{ reason: 'deleted' }],
      [{ reason: 'deleted' }],
    ]);
  });
});
