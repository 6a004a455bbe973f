import { io, Socket } from 'socket.io-client';
import { RealtimePublisher, Rooms } from '@alveole/realtime';
import { registerUser } from './factories/users';
import { startTestApp, TestApp } from './support/test-app';

function connect(url: string, token?: string): Socket {
  return io(`${url}/realtime`, {
    auth: token ? { token } : {},
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
}

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
}

function refused(socket: Socket): Promise<Error> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected although it should have been refused')));
    socket.once('connect_error', resolve);
  });
}

function nextEvent<T>(socket: Socket, event: string): Promise<T> {
  return new Promise((resolve) => socket.once(event, resolve));
}

describe('realtime handshake and delivery across api nodes', () => {
  let nodeA: TestApp;
  let nodeB: TestApp;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    nodeA = await startTestApp();
    nodeB = await startTestApp({ sharing: nodeA });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await nodeB.close();
    await nodeA.close();
  });

  it('refuses a missing or invalid token with a connect error', async () => {
    const anonymous = connect(nodeA.url);
    const forged = connect(nodeA.url, 'not-a-jwt');
    sockets.push(anonymous, forged);
    expect((await refused(anonymous)).message).toBe('unauthorized');
    expect((await refused(forged)).message).toBe('unauthorized');
  });

  it("does not serve Socket.IO's client bundle (the web client bundles its own)", async () => {
    const bundle = await fetch(`${nodeA.url}/socket.io/socket.io.js`);
    expect(bundle.status).toBe(400); // engine.io's answer to a request that is no handshake
    expect(bundle.headers.get('content-type')).not.toMatch(/javascript/);
  });

  it('refuses the token of a user that no longer exists', async () => {
    const user = await registerUser(nodeA.http);
    await nodeA.db.query('DELETE FROM users WHERE id = $1', [user.id]);
    const socket = connect(nodeA.url, user.accessToken);
    sockets.push(socket);
    expect((await refused(socket)).message).toBe('unauthorized');
  });

  it("puts a socket in its user's room; an event published on node B reaches it on node A, and no one else", async () => {
    const alice = await registerUser(nodeA.http);
    const bob = await registerUser(nodeA.http);
    const aliceSocket = connect(nodeA.url, alice.accessToken);
    const bobSocket = connect(nodeA.url, bob.accessToken);
    sockets.push(aliceSocket, bobSocket);
    await Promise.all([connected(aliceSocket), connected(bobSocket)]);

    let bobGotIt = false;
    bobSocket.on('notification.created', () => (bobGotIt = true));
    const received = nextEvent<{ subject: string }>(aliceSocket, 'notification.created');
    nodeB.app
      .get(RealtimePublisher)
      .deliver([{ rooms: [Rooms.user(alice.id)], event: 'notification.created', data: { subject: 'hello from B' } }]);
    expect(await received).toEqual({ subject: 'hello from B' });
    // a second event to Alice only: by the time it arrives, Bob would have had the first
    const second = nextEvent(aliceSocket, 'notification.created');
    nodeB.app
      .get(RealtimePublisher)
      .deliver([{ rooms: [Rooms.user(alice.id)], event: 'notification.created', data: { subject: 'again' } }]);
    await second;
    expect(bobGotIt).toBe(false);
  });
});
