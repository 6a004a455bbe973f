import { io, Socket } from 'socket.io-client';
import {
  as,
  auditEntries,
  createOrganisation,
  createSphere,
  grantRole,
  instanceAdmin,
  putMember,
  registerUser,
} from '../factories/structure';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

describe('join requests', () => {
  let t: TestApp;
  let admin: TestUser;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' }, withWorker: true });
    admin = await instanceAdmin(t);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await t.close();
  });

  /** A private sphere with an animator, and `count` organisation members who asked to join it. */
  async function privateSphere(count = 1) {
    const org = await createOrganisation(t, admin);
    const region = await createSphere(t, admin, org.id, { visibility: 'public' });
    const lobby = await createSphere(t, admin, org.id, { visibility: 'public', parentId: region.id });
    const sphere = await createSphere(t, admin, org.id, { visibility: 'private', parentId: region.id });
    const animator = await registerUser(t.http);
    await putMember(t, admin, sphere.id, animator.id, 'animator');
    const requesters: TestUser[] = [];
    for (let i = 0; i < count; i++) {
      const user = await registerUser(t.http);
      await putMember(t, admin, lobby.id, user.id, 'member');
      const joined = await t.http.post(`/api/v1/spheres/${sphere.id}/join`).set(as(user)).expect(201);
      expect(joined.body.status).toBe('requested');
      requesters.push(user);
    }
    return { org, region, lobby, sphere, animator, requesters };
  }

  const url = (sphereId: string, rest = '') => `/api/v1/spheres/${sphereId}/join-requests${rest}`;

  it('lets an animator list and approve a request: the requester becomes an active member', async () => {
    const { org, sphere, animator, requesters } = await privateSphere();
    const [user] = requesters;
    const list = await t.http.get(url(sphere.id)).set(as(animator)).expect(200);
    expect(list.body).toEqual({
      items: [expect.objectContaining({ userId: user.id, displayName: user.displayName, status: 'requested' })],
      nextCursor: null,
    });
    await t.http.get(`/api/v1/spheres/${sphere.id}/members`).set(as(user)).expect(403);

    const approved = await t.http
      .post(url(sphere.id, `/${user.id}/approve`))
      .set(as(animator))
      .expect(200);
    expect(approved.body).toMatchObject({ sphereId: sphere.id, userId: user.id, role: 'member', status: 'active' });
    expect(approved.body.joinedAt).not.toBeNull();
    const members = await t.http.get(`/api/v1/spheres/${sphere.id}/members`).set(as(user)).expect(200);
    expect(members.body.items.map((m: { userId: string }) => m.userId)).toContain(user.id);
    expect((await t.http.get(url(sphere.id)).set(as(animator)).expect(200)).body.items).toEqual([]);
    expect(await auditEntries(t, org.id, 'membership.approved')).toEqual([
      expect.objectContaining({ actor_id: animator.id, target_id: user.id }),
    ]);
  });

  it('rejects a request (204): the request is gone and the user may ask again', async () => {
    const { org, sphere, animator, requesters } = await privateSphere();
    const [user] = requesters;
    await t.http
      .post(url(sphere.id, `/${user.id}/reject`))
      .set(as(animator))
      .expect(204);
    expect((await t.http.get(url(sphere.id)).set(as(animator)).expect(200)).body.items).toEqual([]);
    const me = await t.http.get('/api/v1/me').set(as(user)).expect(200);
    expect(me.body.spheres.map((s: { sphereId: string }) => s.sphereId)).not.toContain(sphere.id);
    expect(await auditEntries(t, org.id, 'membership.rejected')).toEqual([
      expect.objectContaining({ actor_id: animator.id, target_id: user.id }),
    ]);
    await t.http.post(`/api/v1/spheres/${sphere.id}/join`).set(as(user)).expect(201);
  });

  it('answers 404 for a user without a pending request, and for malformed ids', async () => {
    const { sphere, animator, requesters } = await privateSphere();
    const member = await registerUser(t.http);
    await putMember(t, admin, sphere.id, member.id, 'member');
    for (const action of ['approve', 'reject']) {
      await t.http
        .post(url(sphere.id, `/${member.id}/${action}`))
        .set(as(animator))
        .expect(404);
      await t.http
        .post(url(sphere.id, `/${admin.id}/${action}`))
        .set(as(animator))
        .expect(404);
      await t.http
        .post(url(sphere.id, `/not-a-uuid/${action}`))
        .set(as(animator))
        .expect(404);
    }
    // the active member was left alone, and the real request is still there
    const members = await t.http.get(`/api/v1/spheres/${sphere.id}/members`).set(as(animator)).expect(200);
    expect(members.body.items.map((m: { userId: string }) => m.userId)).toContain(member.id);
    const list = await t.http.get(url(sphere.id)).set(as(animator)).expect(200);
    expect(list.body.items.map((r: { userId: string }) => r.userId)).toEqual([requesters[0].id]);
  });

  it('is for animators and managers in scope only', async () => {
    const { org, region, lobby, sphere, requesters } = await privateSphere(2);
    const member = await registerUser(t.http);
    await putMember(t, admin, sphere.id, member.id, 'member');
    await t.http.get(url(sphere.id)).set(as(member)).expect(403);
    await t.http
      .post(url(sphere.id, `/${requesters[0].id}/approve`))
      .set(as(member))
      .expect(403);
    // a requester sees the (private, listed) sphere but may not decide anything
    await t.http
      .post(url(sphere.id, `/${requesters[0].id}/approve`))
      .set(as(requesters[0]))
      .expect(403);
    const outsider = await registerUser(t.http);
    await t.http.get(url(sphere.id)).set(as(outsider)).expect(404);
    await t.http.get(url(sphere.id)).expect(401);

    const elsewhere = await registerUser(t.http);
    await grantRole(t, admin, org.id, { userId: elsewhere.id, role: 'system_manager', scopeSphereId: lobby.id });
    await t.http.get(url(sphere.id)).set(as(elsewhere)).expect(403);
    const manager = await registerUser(t.http);
    await grantRole(t, admin, org.id, { userId: manager.id, role: 'system_manager', scopeSphereId: region.id });
    await t.http
      .post(url(sphere.id, `/${requesters[1].id}/approve`))
      .set(as(manager))
      .expect(200);
  });

  it('pages with a cursor and validates the limit', async () => {
    const { sphere, animator, requesters } = await privateSphere(3);
    const expected = requesters.map((u) => u.id).sort();
    const first = await t.http.get(url(sphere.id, '?limit=2')).set(as(animator)).expect(200);
    expect(first.body.items.map((r: { userId: string }) => r.userId)).toEqual(expected.slice(0, 2));
    const rest = await t.http
      .get(url(sphere.id, `?limit=2&cursor=${first.body.nextCursor}`))
      .set(as(animator))
      .expect(200);
    expect(rest.body.items.map((r: { userId: string }) => r.userId)).toEqual(expected.slice(2));
    expect(rest.body.nextCursor).toBeNull();
    await t.http.get(url(sphere.id, '?limit=0')).set(as(animator)).expect(422);
    await t.http.get(url(sphere.id, '?limit=101')).set(as(animator)).expect(422);
    await t.http.get(url(sphere.id, '?cursor=garbage')).set(as(animator)).expect(400);
  });

  it('refuses decisions in an archived sphere with 409', async () => {
    const { sphere, requesters } = await privateSphere();
    await t.http.post(`/api/v1/spheres/${sphere.id}/archive`).set(as(admin)).expect(200);
    const late = await t.http
      .post(url(sphere.id, `/${requesters[0].id}/approve`))
      .set(as(admin))
      .expect(409);
    expect(late.body.type).toBe('sphere-archived');
  });

  it('tells the requester in real time', async () => {
    const { sphere, animator, requesters } = await privateSphere();
    const socket = io(`${t.url}/realtime`, {
      auth: { token: requesters[0].accessToken },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    // the requester entered the organisation through another sphere: its event may still be on its way
    const event = new Promise((resolve) =>
      socket.on(
        'membership.changed',
        (change: { sphereId: string }) => change.sphereId === sphere.id && resolve(change),
      ),
    );
    await t.http
      .post(url(sphere.id, `/${requesters[0].id}/approve`))
      .set(as(animator))
      .expect(200);
    expect(await event).toEqual({ sphereId: sphere.id, role: 'member', status: 'active' });
  });
});
