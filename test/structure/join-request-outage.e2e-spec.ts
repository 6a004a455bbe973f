import { io, Socket } from 'socket.io-client';
import { as, createOrganisation, createSphere, instanceAdmin, putMember, registerUser } from '../factories/structure';
import { Child, eventually, freePort, startRedis } from '../support/processes';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A join request decided while Redis is down (this test's own redis-server, never the shared one):
 * the decision commits, its event waits in the outbox, and once Redis is back the requester's open
 * client hears of it exactly once (api + worker, as in production).
 */
describe('a decision made while Redis is down', () => {
  let t: TestApp;
  let redis: Child;
  let port: number;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    t = await startTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}` }, withWorker: true });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await t.close();
    await redis.stop();
  });

  it('reaches the requester once Redis is back, exactly once', async () => {
    const admin = await instanceAdmin(t);
    const org = await createOrganisation(t, admin);
    const lobby = await createSphere(t, admin, org.id, { visibility: 'public' });
    const sphere = await createSphere(t, admin, org.id, { visibility: 'private' });
    const [animator, requester] = [await registerUser(t.http), await registerUser(t.http)];
    await putMember(t, admin, sphere.id, animator.id, 'animator');
    await putMember(t, admin, lobby.id, requester.id, 'member');
    await t.http.post(`/api/v1/spheres/${sphere.id}/join`).set(as(requester)).expect(201);

    const socket = io(`${t.url}/realtime`, { auth: { token: requester.accessToken }, transports: ['websocket'] });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const heard: unknown[] = [];
    socket.on('membership.changed', (change) => heard.push(change));

    await redis.stop();
    await t.http
      .post(`/api/v1/spheres/${sphere.id}/join-requests/${requester.id}/approve`)
      .set(as(animator))
      .expect(200);
    const [event] = await t.db.query(
      `SELECT id FROM outbox WHERE event_name = 'join_request.decided' AND payload->>'userId' = $1`,
      [requester.id],
    );
    // the relay keeps failing on the outage: the event waits, unsent
    await eventually(
      async () => {
        const [row] = await t.db.query(`SELECT last_error, sent_at FROM outbox WHERE id = $1`, [event.id]);
        return row.last_error !== null && row.sent_at === null ? true : undefined;
      },
      20_000,
      'a failed relay attempt',
    );
    expect(heard).toEqual([]);

    redis = await startRedis(port);
    await eventually(() => (heard.length > 0 ? true : undefined), 45_000, 'membership.changed after the outage');
    // a late duplicate would arrive within this wait (deliveries take milliseconds)
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(heard).toEqual([{ sphereId: sphere.id, role: 'member', status: 'active' }]);
    const runs = await t.db.query(
      `SELECT subscriber FROM processed_jobs WHERE outbox_id = $1 AND subscriber = 'realtime.deliver'`,
      [event.id],
    );
    expect(runs).toEqual([{ subscriber: 'realtime.deliver' }]);
    // the same event, durable, also reaches the requester's notifications (once)
    const told = await eventually(
      async () => {
        const rows = await t.db.query(`SELECT kind FROM notifications WHERE event_id = $1`, [event.id]);
        return rows.length > 0 ? rows : undefined;
      },
      20_000,
      'the notification of the decision',
    );
    expect(told).toEqual([{ kind: 'join_request_decided' }]);
  }, 90_000);
});
