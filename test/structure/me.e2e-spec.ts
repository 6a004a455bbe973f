import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { FastQuery } from '@alveole/core';
import { as, createOrganisation, createSphere, instanceAdmin, registerUser } from '../factories/structure';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

describe('GET /me', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await instanceAdmin(t);
  });
  afterAll(() => t.close());

  /** An open organisation (named `name`) with public spheres the user joins. */
  async function joinSpheres(user: TestUser, name: string, count: number) {
    const org = await createOrganisation(t, admin, { name, membershipPolicy: 'open' });
    const spheres = [];
    for (let i = 0; i < count; i++) {
      const sphere = await createSphere(t, admin, org.id, { name: `${name} sphere ${i}` });
      await t.http.post(`/api/v1/spheres/${sphere.id}/join`).set(as(user)).expect(201);
      spheres.push(sphere);
    }
    return { org, spheres };
  }

  /** The statements the api sends while `request` runs. */
  async function statementsDuring(request: () => Promise<unknown>): Promise<string[]> {
    const fast = t.app.get(FastQuery);
    const spies = [
      jest.spyOn(fast, 'prepared'),
      jest.spyOn(fast, 'rows'),
      jest.spyOn(PostgresQueryRunner.prototype, 'query'),
    ];
    try {
      await request();
      const [prepared, rows, runner] = spies.map((spy) => spy.mock.calls as unknown[][]);
      return [
        ...prepared.map(([name]) => `prepared:${String(name)}`),
        ...rows.map(([sql]) => `rows:${String(sql).trim().slice(0, 40)}`),
        ...runner.map(([sql]) => `typeorm:${String(sql).trim().slice(0, 40)}`),
      ];
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  }

  it('names my spheres and their organisations, so a client draws its menu in one request', async () => {
    const user = await registerUser(t.http);
    const north = await joinSpheres(user, 'Amnesty Nord', 2);
    const south = await joinSpheres(user, 'Amnesty Sud', 1);

    const me = (await t.http.get('/api/v1/me').set(as(user)).expect(200)).body;
    expect(me.organisations.map((o: { name: string }) => o.name)).toEqual(['Amnesty Nord', 'Amnesty Sud']);
    const expected = [
      ...north.spheres.map((s) => ({ sphereId: s.id, name: s.name, org: north.org, orgName: 'Amnesty Nord' })),
      ...south.spheres.map((s) => ({ sphereId: s.id, name: s.name, org: south.org, orgName: 'Amnesty Sud' })),
    ];
    expect(me.spheres).toHaveLength(3);
    expect(me.spheres).toEqual(
      expect.arrayContaining(
        expected.map((s) => ({
          sphereId: s.sphereId,
          name: s.name,
          organisationId: s.org.id,
          organisationName: s.orgName,
          role: 'member',
          status: 'active',
          mustAcceptCharter: false,
        })),
      ),
    );
  });

  it('reads the names in one statement however many spheres, and none for a newcomer', async () => {
    const few = await registerUser(t.http);
    await joinSpheres(few, 'Petite', 1);
    const many = await registerUser(t.http);
    await joinSpheres(many, 'Grande', 6);
    await joinSpheres(many, 'Autre', 2);
    // the route has read the caller's profile once: from then on, user row and profile come in one statement
    await t.http.get('/api/v1/me').set(as(few)).expect(200);
    const expected = ['prepared:caller', 'prepared:me-names'];
    for (const user of [few, many]) {
      expect(await statementsDuring(() => t.http.get('/api/v1/me').set(as(user)).expect(200))).toEqual(expected);
    }
    const newcomer = await registerUser(t.http);
    const statements = await statementsDuring(() => t.http.get('/api/v1/me').set(as(newcomer)).expect(200));
    expect(statements).toEqual(['prepared:caller']);
  });

  it('answers with the caller as their user row stands, and the profile as it stands, on every call', async () => {
    const user = await registerUser(t.http);
    await t.http.get('/api/v1/me').set(as(user)).expect(200);
    const before = (await t.http.get('/api/v1/me').set(as(user)).expect(200)).body;
    expect(before).toMatchObject({ id: user.id, email: user.email, instanceRole: null, spheres: [] });

    const { spheres } = await joinSpheres(user, 'Nouvelle', 1);
    await t.db.query(`UPDATE users SET display_name = 'Renamed' WHERE id = $1`, [user.id]);
    const after = (await t.http.get('/api/v1/me').set(as(user)).expect(200)).body;
    expect(after.displayName).toBe('Renamed');
    expect(after.spheres.map((s: { sphereId: string }) => s.sphereId)).toEqual([spheres[0].id]);

    const asAdmin = (await t.http.get('/api/v1/me').set(as(admin)).expect(200)).body;
    expect(asAdmin).toMatchObject({ id: admin.id, instanceRole: 'instance_admin' });
  });

  it('stops answering the moment the account is gone, on the one-statement path too', async () => {
    const user = await registerUser(t.http);
    await t.http.get('/api/v1/me').set(as(user)).expect(200);
    await t.db.query('DELETE FROM users WHERE id = $1', [user.id]);
    const gone = await t.http.get('/api/v1/me').set(as(user)).expect(401);
    expect(gone.headers['content-type']).toContain('application/problem+json');
  });
});
