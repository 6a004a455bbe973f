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

interface Entry {
  id: string;
  actor: { id: string; displayName: string } | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  createdAt: string;
}

describe('audit log', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await instanceAdmin(t);
  });
  afterAll(() => t.close());

  /** National → North, South; a manager of South who renames South; a plain member of National. */
  async function organisation() {
    const owner = await registerUser(t.http);
    const org = await createOrganisation(t, admin, { owner });
    const national = await createSphere(t, owner, org.id, { name: 'National' });
    const north = await createSphere(t, owner, org.id, { name: 'North', parentId: national.id });
    const south = await createSphere(t, owner, org.id, { name: 'South', parentId: national.id });
    const southManager = await registerUser(t.http);
    await grantRole(t, owner, org.id, { userId: southManager.id, role: 'system_manager', scopeSphereId: south.id });
    await t.http.patch(`/api/v1/spheres/${south.id}`).set(as(southManager)).send({ name: 'South-West' }).expect(200);
    const member = await registerUser(t.http);
    await putMember(t, owner, national.id, member.id, 'member');
    return { org, owner, national, north, south, southManager, member };
  }

  const read = (orgId: string, user: TestUser, query = '') =>
    t.http.get(`/api/v1/organisations/${orgId}/audit-log${query}`).set(as(user));
  const actions = (items: Entry[]) => items.map((e) => e.action);

  it('shows owners every entry, newest first, with the actor, and pages by keyset', async () => {
    const o = await organisation();
    const all = await read(o.org.id, o.owner, '?limit=100').expect(200);
    expect(actions(all.body.items)).toEqual([
      'membership.granted',
      'sphere.updated',
      'role.granted',
      'sphere.created',
      'sphere.created',
      'sphere.created',
      'role.granted',
      'organisation.created',
    ]);
    const rename = all.body.items[1] as Entry;
    expect(rename).toEqual({
      id: expect.any(String),
      actor: { id: o.southManager.id, displayName: o.southManager.displayName },
      actorPseudonym: null, // set once the actor's account is erased
      action: 'sphere.updated',
      targetType: 'sphere',
      targetId: o.south.id,
      before: expect.objectContaining({ name: 'South' }),
      after: expect.objectContaining({ name: 'South-West' }),
      createdAt: expect.any(String),
    });

    const first = await read(o.org.id, o.owner, '?limit=3').expect(200);
    expect(first.body.items.map((e: Entry) => e.id)).toEqual(all.body.items.slice(0, 3).map((e: Entry) => e.id));
    const second = await read(o.org.id, o.owner, `?limit=3&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body.items.map((e: Entry) => e.id)).toEqual(all.body.items.slice(3, 6).map((e: Entry) => e.id));
    const last = await read(o.org.id, o.owner, `?limit=3&cursor=${second.body.nextCursor}`).expect(200);
    expect(last.body.items).toHaveLength(2);
    expect(last.body.nextCursor).toBeNull();

    // the instance admin, who holds no role here, reads it too
    const byAdmin = await read(o.org.id, admin, '?limit=100').expect(200);
    expect(byAdmin.body.items).toHaveLength(8);
  });

  it('filters by action and by target', async () => {
    const o = await organisation();
    const created = await read(o.org.id, o.owner, '?action=sphere.created').expect(200);
    expect(created.body.items.map((e: Entry) => e.targetId)).toEqual([o.south.id, o.north.id, o.national.id]);
    const south = await read(o.org.id, o.owner, `?targetId=${o.south.id}`).expect(200);
    expect(actions(south.body.items)).toEqual(['sphere.updated', 'sphere.created']);
    const both = await read(o.org.id, o.owner, `?targetId=${o.south.id}&action=sphere.updated`).expect(200);
    expect(both.body.items).toHaveLength(1);
    expect((await read(o.org.id, o.owner, '?action=nothing.happened').expect(200)).body.items).toEqual([]);
  });

  it('shows a scoped system manager only the entries of their subtree, never organisation-level ones', async () => {
    const o = await organisation();
    const scoped = await read(o.org.id, o.southManager, '?limit=100').expect(200);
    // South's creation, the grant of the South mandate (its path is South's) and the rename
    expect(actions(scoped.body.items)).toEqual(['sphere.updated', 'role.granted', 'sphere.created']);
    expect(scoped.body.items.every((e: Entry) => e.targetId !== o.north.id && e.targetId !== o.org.id)).toBe(true);
    const child = await createSphere(t, o.southManager, o.org.id, { name: 'Bordeaux', parentId: o.south.id });
    const after = await read(o.org.id, o.southManager, '?action=sphere.created').expect(200);
    expect(after.body.items.map((e: Entry) => e.targetId)).toEqual([child.id, o.south.id]);
    // a filter never widens the scope
    expect((await read(o.org.id, o.southManager, `?targetId=${o.north.id}`).expect(200)).body.items).toEqual([]);
  });

  it('answers 403 to members without a role, 404 to outsiders and for another organisation', async () => {
    const o = await organisation();
    const other = await organisation();
    const outsider = await registerUser(t.http);
    await read(o.org.id, o.member).expect(403);
    await read(o.org.id, outsider).expect(404);
    await read(other.org.id, o.owner).expect(404);
    await read('00000000-0000-7000-8000-000000000000', o.owner).expect(404);
    await read('not-a-uuid', o.owner).expect(404);
    await t.http.get(`/api/v1/organisations/${o.org.id}/audit-log`).expect(401);
  });

  it('refuses bad filters and cursors', async () => {
    const o = await organisation();
    const bad = await read(o.org.id, o.owner, '?targetId=x&limit=101').expect(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'targetId']);
    expect((await read(o.org.id, o.owner, '?cursor=garbage').expect(400)).body.type).toBe('invalid-cursor');
    const notAnId = Buffer.from(JSON.stringify({ id: 'x' })).toString('base64url');
    expect((await read(o.org.id, o.owner, `?cursor=${notAnId}`).expect(400)).body.type).toBe('invalid-cursor');
  });

  it('keeps the entries of a deleted account, with no actor', async () => {
    const o = await organisation();
    await t.db.query(`DELETE FROM users WHERE id = $1`, [o.southManager.id]);
    const entries = await read(o.org.id, o.owner, '?action=sphere.updated').expect(200);
    expect(entries.body.items).toEqual([expect.objectContaining({ actor: null, targetId: o.south.id })]);
  });
});
