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

/** DESIGN.md §2 "Delegation", with the national NGO of §0: a regional manager runs one region. */
describe('delegation', () => {
  let t: TestApp;
  let owner: TestUser;
  let regional: TestUser;
  let organisationId: string;
  let north: { id: string };
  let south: { id: string };
  let northGroup: { id: string };
  let southGroup: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await instanceAdmin(t);
    owner = await registerUser(t.http);
    organisationId = (await createOrganisation(t, admin, { owner })).id;
    const national = await createSphere(t, owner, organisationId, { name: 'National' });
    north = await createSphere(t, owner, organisationId, { name: 'North', parentId: national.id });
    south = await createSphere(t, owner, organisationId, { name: 'South', parentId: national.id });
    northGroup = await createSphere(t, owner, organisationId, { name: 'Lille', parentId: north.id });
    southGroup = await createSphere(t, owner, organisationId, { name: 'Marseille', parentId: south.id });
    regional = await registerUser(t.http);
    await grantRole(t, owner, organisationId, { userId: regional.id, role: 'system_manager', scopeSphereId: north.id });
  });
  afterAll(() => t.close());

  async function volunteer(): Promise<TestUser> {
    const user = await registerUser(t.http);
    await putMember(t, owner, northGroup.id, user.id, 'member');
    return user;
  }

  it('lets a regional manager appoint an animator in a local group of their region', async () => {
    const user = await volunteer();
    const response = await t.http
      .put(`/api/v1/spheres/${northGroup.id}/members/${user.id}`)
      .set(as(regional))
      .send({ role: 'animator' })
      .expect(200);
    expect(response.body).toMatchObject({ userId: user.id, role: 'animator', status: 'active' });
    const audit = (await t.db.query(
      `SELECT actor_id, action, after FROM audit_log WHERE target_id = $1 ORDER BY id DESC LIMIT 1`,
      [user.id],
    )) as { actor_id: string; action: string; after: { role: string } }[];
    expect(audit[0]).toMatchObject({
      actor_id: regional.id,
      action: 'membership.changed',
      after: { role: 'animator' },
    });
  });

  it('refuses the same appointment in another region', async () => {
    const user = await registerUser(t.http);
    await putMember(t, owner, southGroup.id, user.id, 'member');
    await t.http
      .put(`/api/v1/spheres/${southGroup.id}/members/${user.id}`)
      .set(as(regional))
      .send({ role: 'animator' })
      .expect(403);
  });

  it('refuses to appoint an org_owner, or a system manager of the whole organisation', async () => {
    const user = await volunteer();
    const owner1 = await t.http
      .post(`/api/v1/organisations/${organisationId}/roles`)
      .set(as(regional))
      .send({ userId: user.id, role: 'org_owner' })
      .expect(403);
    expect(owner1.body.type).toBe('delegation-not-allowed');
    await t.http
      .post(`/api/v1/organisations/${organisationId}/roles`)
      .set(as(regional))
      .send({ userId: user.id, role: 'system_manager' })
      .expect(403);
  });

  it('delegates a sub-region manager only strictly inside the region', async () => {
    const user = await volunteer();
    const roles = `/api/v1/organisations/${organisationId}/roles`;
    await t.http
      .post(roles)
      .set(as(regional))
      .send({ userId: user.id, role: 'system_manager', scopeSphereId: north.id })
      .expect(403);
    await t.http
      .post(roles)
      .set(as(regional))
      .send({ userId: user.id, role: 'system_manager', scopeSphereId: south.id })
      .expect(403);
    await t.http
      .post(roles)
      .set(as(regional))
      .send({ userId: user.id, role: 'system_manager', scopeSphereId: southGroup.id })
      .expect(403);
    const granted = await t.http
      .post(roles)
      .set(as(regional))
      .send({ userId: user.id, role: 'system_manager', scopeSphereId: northGroup.id })
      .expect(201);
    expect(granted.body).toMatchObject({
      role: 'system_manager',
      scopeSphereId: northGroup.id,
      grantedBy: regional.id,
    });
    // the sub-region manager manages their group, not the region around it
    await t.http
      .patch(`/api/v1/spheres/${northGroup.id}`)
      .set(as(user))
      .send({ description: 'Lille volunteers' })
      .expect(200);
    await t.http.patch(`/api/v1/spheres/${north.id}`).set(as(user)).send({ description: 'nope' }).expect(403);
  });

  it('lets a sphere admin grant roles up to animator, never sphere_admin', async () => {
    const admin = await volunteer();
    await putMember(t, owner, northGroup.id, admin.id, 'sphere_admin');
    const user = await volunteer();
    await t.http
      .put(`/api/v1/spheres/${northGroup.id}/members/${user.id}`)
      .set(as(admin))
      .send({ role: 'animator' })
      .expect(200);
    const above = await t.http
      .put(`/api/v1/spheres/${northGroup.id}/members/${user.id}`)
      .set(as(admin))
      .send({ role: 'sphere_admin' })
      .expect(403);
    expect(above.body.type).toBe('delegation-not-allowed');
    // and cannot bring in someone from outside the organisation (who, for them, does not exist)
    const stranger = await registerUser(t.http);
    const outside = await t.http
      .put(`/api/v1/spheres/${northGroup.id}/members/${stranger.id}`)
      .set(as(admin))
      .send({ role: 'member' })
      .expect(404);
    expect(outside.body).toMatchObject({ type: 'not-found', detail: 'User not found' });
  });

  it('grants nothing once a mandate has expired', async () => {
    const mandate = await registerUser(t.http);
    const grant = await grantRole(t, owner, organisationId, {
      userId: mandate.id,
      role: 'system_manager',
      scopeSphereId: north.id,
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    });
    const user = await volunteer();
    await t.http
      .put(`/api/v1/spheres/${northGroup.id}/members/${user.id}`)
      .set(as(mandate))
      .send({ role: 'visitor' })
      .expect(200);
    await t.db.query(`UPDATE role_assignments SET expires_at = now() - interval '1 second' WHERE id = $1`, [grant.id]);
    await t.http
      .put(`/api/v1/spheres/${northGroup.id}/members/${user.id}`)
      .set(as(mandate))
      .send({ role: 'member' })
      .expect(403);
    await t.http.patch(`/api/v1/spheres/${north.id}`).set(as(mandate)).send({ description: 'x' }).expect(403);
  });

  it('schedules the role.expiring reminder a week before a mandate ends', async () => {
    const user = await registerUser(t.http);
    const ends = new Date(Date.now() + 30 * 24 * 3600_000);
    const grant = await grantRole(t, owner, organisationId, {
      userId: user.id,
      role: 'system_manager',
      scopeSphereId: south.id,
      expiresAt: ends.toISOString(),
    });
    const [row] = (await t.db.query(
      `SELECT available_at FROM outbox WHERE event_name = 'role.expiry_due' AND payload->>'assignmentId' = $1`,
      [grant.id],
    )) as { available_at: Date }[];
    expect(Math.abs(row.available_at.getTime() - (ends.getTime() - 7 * 24 * 3600_000))).toBeLessThan(1000);
  });

  it('keeps at least one owner of the whole organisation', async () => {
    const [{ id }] = (await t.db.query(
      `SELECT id FROM role_assignments WHERE organisation_id = $1 AND role = 'org_owner' AND revoked_at IS NULL`,
      [organisationId],
    )) as { id: string }[];
    const last = await t.http.delete(`/api/v1/organisations/${organisationId}/roles/${id}`).set(as(owner)).expect(409);
    expect(last.body.type).toBe('last-owner');
  });
});
