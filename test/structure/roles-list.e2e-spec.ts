import { as, createOrganisation, createSphere, grantRole, instanceAdmin, registerUser } from '../factories/structure';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

interface Listed {
  id: string;
  userId: string;
  displayName: string;
  role: string;
  scopeSphereName: string | null;
}

/** GET /organisations/:orgId/roles: the roles in force that the caller may revoke, with names. */
describe('roles in force', () => {
  let t: TestApp;
  let owner: TestUser;
  let regional: TestUser;
  let local: TestUser;
  let organisationId: string;
  let localRole: string;
  beforeAll(async () => {
    t = await startTestApp();
    const admin = await instanceAdmin(t);
    owner = await registerUser(t.http);
    organisationId = (await createOrganisation(t, admin, { owner })).id;
    const national = await createSphere(t, owner, organisationId, { name: 'National' });
    const north = await createSphere(t, owner, organisationId, { name: 'North', parentId: national.id });
    const lille = await createSphere(t, owner, organisationId, { name: 'Lille', parentId: north.id });
    [regional, local] = await Promise.all([registerUser(t.http), registerUser(t.http)]);
    await grantRole(t, owner, organisationId, { userId: regional.id, role: 'system_manager', scopeSphereId: north.id });
    localRole = (
      await grantRole(t, regional, organisationId, {
        userId: local.id,
        role: 'system_manager',
        scopeSphereId: lille.id,
      })
    ).id;
    // expired and revoked roles are not in force
    const gone = await registerUser(t.http);
    const revoked = await grantRole(t, owner, organisationId, {
      userId: gone.id,
      role: 'system_manager',
      scopeSphereId: lille.id,
    });
    await t.http.delete(`/api/v1/organisations/${organisationId}/roles/${revoked.id}`).set(as(owner)).expect(204);
    const lapsed = await grantRole(t, owner, organisationId, {
      userId: gone.id,
      role: 'system_manager',
      scopeSphereId: north.id,
    });
    await t.db.query(`UPDATE role_assignments SET expires_at = now() - interval '1 day' WHERE id = $1`, [lapsed.id]);
  });
  afterAll(() => t.close());

  async function list(user: TestUser, query = ''): Promise<{ items: Listed[]; nextCursor: string | null }> {
    const response = await t.http
      .get(`/api/v1/organisations/${organisationId}/roles${query}`)
      .set(as(user))
      .expect(200);
    return response.body;
  }

  it('shows an owner every role in force, with the names of people and scopes', async () => {
    const { items } = await list(owner);
    const shown = items.map((item) => [item.displayName, item.role, item.scopeSphereName]);
    expect(shown).toEqual([
      [owner.displayName, 'org_owner', null],
      [regional.displayName, 'system_manager', 'North'],
      [local.displayName, 'system_manager', 'Lille'],
    ]);
  });

  it('shows a regional manager only the mandates strictly inside their region, and a local one none', async () => {
    expect((await list(regional)).items.map((item) => item.id)).toEqual([localRole]);
    expect((await list(local)).items).toEqual([]);
  });

  it('pages with a cursor, and refuses a forged one', async () => {
    const first = await list(owner, '?limit=2');
    expect(first.items).toHaveLength(2);
    const second = await list(owner, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((item) => item.displayName)).toEqual([local.displayName]);
    expect(second.nextCursor).toBeNull();
    const forged = await t.http.get(`/api/v1/organisations/${organisationId}/roles?cursor=abc`).set(as(owner));
    expect([forged.status, forged.body.type]).toEqual([400, 'invalid-cursor']);
  });
});
