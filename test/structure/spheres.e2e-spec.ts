import {
  as,
  createOrganisation,
  createSphere,
  grantRole,
  instanceAdmin,
  putMember,
  registerUser,
} from '../factories/structure';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

describe('organisations and the sphere tree', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await instanceAdmin(t);
  });
  afterAll(() => t.close());

  it('lets only instance admins create organisations; the owner sees it, an outsider gets 404', async () => {
    const owner = await registerUser(t.http);
    const outsider = await registerUser(t.http);
    await t.http.post('/api/v1/organisations').set(as(owner)).send({ name: 'X', slug: 'x-org' }).expect(403);
    const org = await createOrganisation(t, admin, { owner });
    const mine = await t.http.get('/api/v1/organisations').set(as(owner)).expect(200);
    expect(mine.body.items.map((o: { id: string }) => o.id)).toEqual([org.id]);
    await t.http.get(`/api/v1/organisations/${org.id}`).set(as(outsider)).expect(404);
    await t.http.get(`/api/v1/organisations/00000000-0000-7000-8000-000000000000`).set(as(owner)).expect(404);
    const me = await t.http.get('/api/v1/me').set(as(owner)).expect(200);
    expect(me.body.organisations).toEqual([
      expect.objectContaining({
        id: org.id,
        roles: [expect.objectContaining({ role: 'org_owner', scopeSphereId: null })],
      }),
    ]);
  });

  it('refuses bad input with field errors and a taken slug with 409', async () => {
    const bad = await t.http
      .post('/api/v1/organisations')
      .set(as(admin))
      .send({ name: '', slug: 'Not A Slug', sphereCreation: 'anyone' })
      .expect(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'slug', 'sphereCreation']);
    const org = await createOrganisation(t, admin);
    const taken = await t.http
      .post('/api/v1/organisations')
      .set(as(admin))
      .send({ name: 'Again', slug: org.slug })
      .expect(409);
    expect(taken.body.type).toBe('slug-taken');
    const long = await t.http
      .post(`/api/v1/organisations/${org.id}/spheres`)
      .set(as(admin))
      .send({ name: 'x'.repeat(201), kind: 'territorial', visibility: 'public' })
      .expect(422);
    expect(long.body.errors[0].field).toBe('name');
  });

  it('builds a tree with paths, lists it flat and flags similar names under the same parent', async () => {
    const org = await createOrganisation(t, admin);
    const national = await createSphere(t, admin, org.id, { name: 'France' });
    const region = await createSphere(t, admin, org.id, { name: 'Auvergne-Rhône-Alpes', parentId: national.id });
    const lyon = await createSphere(t, admin, org.id, { name: 'Groupe de Lyon', parentId: region.id });
    expect(lyon.path).toBe(`/${national.id}/${region.id}/${lyon.id}/`);
    const again = await t.http
      .post(`/api/v1/organisations/${org.id}/spheres`)
      .set(as(admin))
      .send({ name: 'Groupe Lyon', parentId: region.id, kind: 'territorial', visibility: 'public' })
      .expect(201);
    expect(again.body.similar).toEqual([expect.objectContaining({ id: lyon.id, name: 'Groupe de Lyon' })]);

    const list = await t.http.get(`/api/v1/organisations/${org.id}/spheres?limit=2`).set(as(admin)).expect(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([national.id, region.id]);
    const rest = await t.http
      .get(`/api/v1/organisations/${org.id}/spheres?limit=2&cursor=${list.body.nextCursor}`)
      .set(as(admin))
      .expect(200);
    expect(rest.body.items).toHaveLength(2);
    const children = await t.http
      .get(`/api/v1/organisations/${org.id}/spheres?parentId=${region.id}`)
      .set(as(admin))
      .expect(200);
    expect(children.body.items.map((s: { parentId: string }) => s.parentId)).toEqual([region.id, region.id]);
    await t.http.get(`/api/v1/organisations/${org.id}/spheres?cursor=garbage`).set(as(admin)).expect(400);
    const forged = Buffer.from(JSON.stringify({ id: "x' OR 1=1" })).toString('base64url');
    expect((await t.http.get(`/api/v1/organisations?cursor=${forged}`).set(as(admin)).expect(400)).body.type).toBe(
      'invalid-cursor',
    );
  });

  it('moves a subtree, scoped roles follow, and refuses a move under a descendant', async () => {
    const org = await createOrganisation(t, admin);
    const root = await createSphere(t, admin, org.id, { name: 'National' });
    const north = await createSphere(t, admin, org.id, { name: 'North', parentId: root.id });
    const south = await createSphere(t, admin, org.id, { name: 'South', parentId: root.id });
    const group = await createSphere(t, admin, org.id, { name: 'Lille group', parentId: north.id });
    const manager = await registerUser(t.http);
    await grantRole(t, admin, org.id, { userId: manager.id, role: 'system_manager', scopeSphereId: south.id });
    // the South manager cannot yet touch the Lille group
    await t.http.patch(`/api/v1/spheres/${group.id}`).set(as(manager)).send({ description: 'x' }).expect(403);

    const moved = await t.http
      .post(`/api/v1/spheres/${north.id}/move`)
      .set(as(admin))
      .send({ parentId: south.id })
      .expect(200);
    expect(moved.body.path).toBe(`/${root.id}/${south.id}/${north.id}/`);
    const child = await t.http.get(`/api/v1/spheres/${group.id}`).set(as(admin)).expect(200);
    expect(child.body).toMatchObject({ path: `/${root.id}/${south.id}/${north.id}/${group.id}/`, depth: 3 });
    // now inside the manager's subtree
    await t.http.patch(`/api/v1/spheres/${group.id}`).set(as(manager)).send({ description: 'now mine' }).expect(200);

    const loop = await t.http
      .post(`/api/v1/spheres/${south.id}/move`)
      .set(as(admin))
      .send({ parentId: group.id })
      .expect(409);
    expect(loop.body.type).toBe('move-into-own-subtree');
    await t.http.post(`/api/v1/spheres/${south.id}/move`).set(as(admin)).send({ parentId: south.id }).expect(409);
  });

  it('makes archived spheres read-only', async () => {
    const org = await createOrganisation(t, admin);
    const sphere = await createSphere(t, admin, org.id);
    const member = await registerUser(t.http);
    await t.http.post(`/api/v1/spheres/${sphere.id}/archive`).set(as(admin)).expect(200);
    const update = await t.http
      .patch(`/api/v1/spheres/${sphere.id}`)
      .set(as(admin))
      .send({ name: 'Renamed' })
      .expect(409);
    expect(update.body.type).toBe('sphere-archived');
    const add = await t.http
      .put(`/api/v1/spheres/${sphere.id}/members/${member.id}`)
      .set(as(admin))
      .send({ role: 'member' });
    expect(add.status).toBe(409);
    expect((await t.http.get(`/api/v1/spheres/${sphere.id}`).set(as(admin)).expect(200)).body.archived).toBe(true);
  });

  it('hides secret spheres from non-members (404, and absent from lists), shows them to members', async () => {
    const org = await createOrganisation(t, admin);
    const open = await createSphere(t, admin, org.id, { visibility: 'public' });
    const secret = await createSphere(t, admin, org.id, { visibility: 'secret' });
    const insider = await registerUser(t.http);
    const other = await registerUser(t.http);
    await putMember(t, admin, open.id, other.id, 'member');
    await putMember(t, admin, secret.id, insider.id, 'member');
    await t.http.get(`/api/v1/spheres/${secret.id}`).set(as(other)).expect(404);
    await t.http.post(`/api/v1/spheres/${secret.id}/join`).set(as(other)).expect(404);
    const seen = await t.http.get(`/api/v1/organisations/${org.id}/spheres`).set(as(other)).expect(200);
    expect(seen.body.items.map((s: { id: string }) => s.id)).toEqual([open.id]);
    await t.http.get(`/api/v1/spheres/${secret.id}`).set(as(insider)).expect(200);
  });

  it('joins public spheres at once and private ones on request; refuses a duplicate', async () => {
    const org = await createOrganisation(t, admin);
    const open = await createSphere(t, admin, org.id, { visibility: 'public' });
    const closed = await createSphere(t, admin, org.id, { visibility: 'private' });
    const user = await registerUser(t.http);
    await putMember(t, admin, open.id, user.id, 'member');
    const other = await createSphere(t, admin, org.id, { visibility: 'public' });
    expect((await t.http.post(`/api/v1/spheres/${other.id}/join`).set(as(user)).expect(201)).body.status).toBe(
      'active',
    );
    expect((await t.http.post(`/api/v1/spheres/${closed.id}/join`).set(as(user)).expect(201)).body.status).toBe(
      'requested',
    );
    expect((await t.http.post(`/api/v1/spheres/${other.id}/join`).set(as(user)).expect(409)).body.type).toBe(
      'already-member',
    );
    const stranger = await registerUser(t.http);
    await t.http.post(`/api/v1/spheres/${other.id}/join`).set(as(stranger)).expect(404);
  });

  it('lists members, lets a member leave and records everything in the audit trail', async () => {
    const org = await createOrganisation(t, admin);
    const sphere = await createSphere(t, admin, org.id);
    const user = await registerUser(t.http);
    await putMember(t, admin, sphere.id, user.id, 'member');
    const members = await t.http.get(`/api/v1/spheres/${sphere.id}/members`).set(as(user)).expect(200);
    expect(members.body.items).toEqual([
      expect.objectContaining({ userId: user.id, role: 'member', status: 'active', displayName: user.displayName }),
    ]);
    await t.http.delete(`/api/v1/spheres/${sphere.id}/members/${user.id}`).set(as(user)).expect(204);
    await t.http.get(`/api/v1/spheres/${sphere.id}/members`).set(as(user)).expect(403);
    const actions = (
      (await t.db.query(`SELECT action FROM audit_log WHERE organisation_id = $1 ORDER BY id`, [org.id])) as {
        action: string;
      }[]
    ).map((r) => r.action);
    expect(actions).toEqual([
      'organisation.created',
      'role.granted',
      'sphere.created',
      'membership.granted',
      'membership.left',
    ]);
  });
});
