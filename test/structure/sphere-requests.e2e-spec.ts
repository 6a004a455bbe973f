import { io, Socket } from 'socket.io-client';
import {
  as,
  createOrganisation,
  createSphere,
  grantRole,
  instanceAdmin,
  putMember,
  registerUser,
  requestSphere,
  TestOrganisation,
} from '../factories/structure';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

interface Network {
  org: TestOrganisation;
  national: { id: string };
  north: { id: string };
  south: { id: string };
  secret: { id: string };
  southManager: TestUser;
  member: TestUser;
  outsider: TestUser;
}

describe('sphere requests', () => {
  let t: TestApp;
  let admin: TestUser;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startTestApp({ withWorker: true });
    admin = await instanceAdmin(t);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await t.close();
  });

  /** National → North, South (public) and a secret sphere; a manager of South; a member of National. */
  async function network(): Promise<Network> {
    const org = await createOrganisation(t, admin, { sphereCreation: 'on_request' });
    const national = await createSphere(t, admin, org.id, { name: 'National' });
    const north = await createSphere(t, admin, org.id, { name: 'North', parentId: national.id });
    const south = await createSphere(t, admin, org.id, { name: 'South', parentId: national.id });
    const secret = await createSphere(t, admin, org.id, { name: 'Board', parentId: national.id, visibility: 'secret' });
    const southManager = await registerUser(t.http);
    await grantRole(t, admin, org.id, { userId: southManager.id, role: 'system_manager', scopeSphereId: south.id });
    const member = await registerUser(t.http);
    await putMember(t, admin, national.id, member.id, 'member');
    return { org, national, north, south, secret, southManager, member, outsider: await registerUser(t.http) };
  }

  const base = (n: Network) => `/api/v1/organisations/${n.org.id}/sphere-requests`;
  const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);
  const decide = (n: Network, id: string, verb: 'approve' | 'reject', user: TestUser, body: object = {}) =>
    t.http
      .post(`${base(n)}/${id}/${verb}`)
      .set(as(user))
      .send(body);

  it('lets a member ask for a sphere and shows the similar spheres and pending requests', async () => {
    const n = await network();
    const lyon = await createSphere(t, admin, n.org.id, { name: 'Groupe de Lyon', parentId: n.south.id });
    const first = await requestSphere(t, n.member, n.org.id, { parentId: n.south.id, name: 'Groupe Lyon' });
    expect(first.similar).toEqual([expect.objectContaining({ type: 'sphere', id: lyon.id })]);
    const second = await t.http
      .post(base(n))
      .set(as(n.member))
      .send({ name: 'Groupe de Lyon ', parentId: n.south.id, reason: 'Lyon needs it', kind: 'thematic' })
      .expect(201);
    expect(second.body).toMatchObject({
      organisationId: n.org.id,
      parentId: n.south.id,
      name: 'Groupe de Lyon',
      reason: 'Lyon needs it',
      kind: 'thematic',
      status: 'pending',
      requestedBy: n.member.id,
    });
    expect(second.body.similar.map((s: { type: string; id: string }) => [s.type, s.id]).sort()).toEqual(
      [
        ['sphere', lyon.id],
        ['sphere_request', first.id],
      ].sort(),
    );
    // a name under another parent is no duplicate
    const elsewhere = await requestSphere(t, n.member, n.org.id, { parentId: n.north.id, name: 'Groupe de Lyon' });
    expect(elsewhere.similar).toEqual([]);
  });

  it('refuses bad input (422), unseen parents and other organisations (404)', async () => {
    const n = await network();
    const bad = await t.http
      .post(base(n))
      .set(as(n.member))
      .send({ name: ' ', parentId: 'nope', reason: 'x'.repeat(2001), visibility: 'hidden' })
      .expect(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'name',
      'parentId',
      'reason',
      'visibility',
    ]);
    const body = { name: 'New group', reason: 'Because' };
    // a secret sphere the member is not in does not exist for them
    await t.http
      .post(base(n))
      .set(as(n.member))
      .send({ ...body, parentId: n.secret.id })
      .expect(404);
    const other = await network();
    await t.http
      .post(base(n))
      .set(as(n.member))
      .send({ ...body, parentId: other.south.id })
      .expect(404);
    await t.http
      .post(base(n))
      .set(as(n.outsider))
      .send({ ...body, parentId: n.south.id })
      .expect(404);
    await t.http.post('/api/v1/organisations/not-a-uuid/sphere-requests').set(as(n.member)).send(body).expect(404);
    await t.http
      .post(base(n))
      .send({ ...body, parentId: n.south.id })
      .expect(401);
  });

  it('lists pending requests in the caller scope only: 403 for members, 404 for outsiders', async () => {
    const n = await network();
    const north = await requestSphere(t, n.member, n.org.id, { parentId: n.north.id });
    const south1 = await requestSphere(t, n.member, n.org.id, { parentId: n.south.id });
    const south2 = await requestSphere(t, n.member, n.org.id, { parentId: n.south.id });
    const southChild = await createSphere(t, admin, n.org.id, { parentId: n.south.id });
    const deep = await requestSphere(t, n.member, n.org.id, { parentId: southChild.id });

    const all = await t.http.get(base(n)).set(as(n.org.owner)).expect(200);
    expect(ids(all.body)).toEqual([north.id, south1.id, south2.id, deep.id]);
    expect(all.body.nextCursor).toBeNull();
    const scoped = await t.http
      .get(`${base(n)}?limit=2`)
      .set(as(n.southManager))
      .expect(200);
    expect(ids(scoped.body)).toEqual([south1.id, south2.id]);
    const rest = await t.http
      .get(`${base(n)}?limit=2&cursor=${scoped.body.nextCursor}`)
      .set(as(n.southManager))
      .expect(200);
    expect(ids(rest.body)).toEqual([deep.id]);
    expect(rest.body.nextCursor).toBeNull();

    await t.http.get(base(n)).set(as(n.member)).expect(403);
    await t.http.get(base(n)).set(as(n.outsider)).expect(404);
    await t.http
      .get(`${base(n)}?limit=0`)
      .set(as(n.org.owner))
      .expect(422);
    await t.http
      .get(`${base(n)}?status=done`)
      .set(as(n.org.owner))
      .expect(422);
    await t.http
      .get(`${base(n)}?cursor=garbage`)
      .set(as(n.org.owner))
      .expect(400);
    const approved = await t.http
      .get(`${base(n)}?status=approved`)
      .set(as(n.org.owner))
      .expect(200);
    expect(approved.body.items).toEqual([]);
  });

  it('approves in one go: the sphere exists, the requester is its sphere_admin, the requester is told', async () => {
    const n = await network();
    const request = await requestSphere(t, n.member, n.org.id, {
      parentId: n.south.id,
      name: 'Groupe de Nîmes',
      visibility: 'private',
    });
    const socket = io(`${t.url}/realtime`, {
      auth: { token: n.member.accessToken },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => socket.once('connect', () => resolve()).once('connect_error', reject));
    const told = new Promise<Record<string, unknown>>((resolve) => socket.once('sphere_request.decided', resolve));

    const approved = await decide(n, request.id, 'approve', n.southManager, {
      name: 'Groupe de Nîmes et du Gard',
    }).expect(200);
    const sphere = approved.body.sphere;
    expect(approved.body.request).toMatchObject({
      id: request.id,
      status: 'approved',
      decidedBy: n.southManager.id,
      sphereId: sphere.id,
    });
    expect(sphere).toMatchObject({ parentId: n.south.id, name: 'Groupe de Nîmes et du Gard', visibility: 'private' });
    expect(await told).toMatchObject({ requestId: request.id, status: 'approved', sphereId: sphere.id });

    await t.http.patch(`/api/v1/spheres/${sphere.id}`).set(as(n.member)).send({ description: 'Ours' }).expect(200);
    const me = await t.http.get('/api/v1/me').set(as(n.member)).expect(200);
    expect(me.body.spheres).toContainEqual(expect.objectContaining({ sphereId: sphere.id, role: 'sphere_admin' }));

    const again = await decide(n, request.id, 'approve', n.org.owner).expect(409);
    expect(again.body.type).toBe('request-already-decided');
    const late = await decide(n, request.id, 'reject', n.org.owner, { reason: 'Too late' }).expect(409);
    expect(late.body.type).toBe('request-already-decided');
    const spheres = await t.db.query(`SELECT count(*)::int AS n FROM spheres WHERE parent_id = $1`, [n.south.id]);
    expect(spheres[0].n).toBe(1);
    const actions = await t.db.query(
      `SELECT action FROM audit_log WHERE organisation_id = $1 AND action LIKE ANY($2) ORDER BY id`,
      [n.org.id, ['sphere_request.%', 'sphere.created', 'membership.granted']],
    );
    expect(actions.slice(-4).map((a: { action: string }) => a.action)).toEqual([
      'sphere_request.created',
      'sphere.created',
      'membership.granted',
      'sphere_request.approved',
    ]);
  });

  it('rejects with a reason; only managers in scope of the parent decide', async () => {
    const n = await network();
    const north = await requestSphere(t, n.member, n.org.id, { parentId: n.north.id });
    // the South manager sees North (public) but may not create there
    await decide(n, north.id, 'approve', n.southManager).expect(403);
    await decide(n, north.id, 'reject', n.southManager, { reason: 'No' }).expect(403);
    await decide(n, north.id, 'approve', n.member).expect(403);
    await decide(n, north.id, 'approve', n.outsider).expect(404);
    const other = await network();
    await t.http
      .post(`/api/v1/organisations/${other.org.id}/sphere-requests/${north.id}/approve`)
      .set(as(admin))
      .expect(404);
    await t.http
      .post(`${base(n)}/00000000-0000-7000-8000-000000000000/approve`)
      .set(as(admin))
      .expect(404);
    await t.http
      .post(`${base(n)}/not-a-uuid/approve`)
      .set(as(admin))
      .expect(404);
    const missing = await decide(n, north.id, 'reject', n.org.owner, {}).expect(422);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    await decide(n, north.id, 'approve', n.org.owner, { visibility: 'hidden' }).expect(422);

    const rejected = await decide(n, north.id, 'reject', n.org.owner, {
      reason: 'North already has a group for this',
    }).expect(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decisionReason: 'North already has a group for this',
      decidedBy: n.org.owner.id,
      sphereId: null,
    });
    const list = await t.http
      .get(`${base(n)}?status=rejected`)
      .set(as(n.org.owner))
      .expect(200);
    expect(ids(list.body)).toEqual([north.id]);
    expect((await t.http.get(base(n)).set(as(n.org.owner)).expect(200)).body.items).toEqual([]);
  });

  it('leaves the request pending when its parent was archived meanwhile', async () => {
    const n = await network();
    const request = await requestSphere(t, n.member, n.org.id, { parentId: n.south.id });
    await t.http.post(`/api/v1/spheres/${n.south.id}/archive`).set(as(admin)).expect(200);
    // no body at all: every approval field is optional
    const refused = await t.http
      .post(`${base(n)}/${request.id}/approve`)
      .set(as(n.org.owner))
      .expect(409);
    expect(refused.body.type).toBe('sphere-archived');
    const pending = await t.http.get(base(n)).set(as(n.org.owner)).expect(200);
    expect(ids(pending.body)).toEqual([request.id]);
  });
});
