import {
  as,
  auditEntries,
  createOrganisation,
  createSphere,
  instanceAdmin,
  registerUser,
} from '../factories/structure';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

const PARALLEL = 10;

/**
 * Each real change gives exactly one 201 and one audit row, however many identical requests race (issue 9):
 * the database decides (INSERT … ON CONFLICT DO NOTHING, then the row lock), inside the transaction that
 * writes the audit row.
 */
describe('concurrent writes and the audit log', () => {
  let t: TestApp;
  let owner: TestUser;
  let organisationId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { DATABASE_POOL_SIZE: '12' } });
    owner = await instanceAdmin(t);
    organisationId = (await createOrganisation(t, owner, { membershipPolicy: 'open' })).id;
  });
  afterAll(() => t.close());

  /** A user of the organisation (they joined one of its public spheres themselves). */
  async function organisationMember(): Promise<TestUser> {
    const user = await registerUser(t.http);
    const lobby = await createSphere(t, owner, organisationId);
    await t.http.post(`/api/v1/spheres/${lobby.id}/join`).set(as(user)).expect(201);
    return user;
  }

  const tally = (statuses: number[]) =>
    statuses.reduce<Record<number, number>>((counts, s) => ({ ...counts, [s]: (counts[s] ?? 0) + 1 }), {});
  const about =
    (userId: string, sphereId: string) =>
    <E extends { target_id: string | null; after: unknown }>(entries: E[]) =>
      entries.filter((e) => e.target_id === userId && (e.after as { sphereId?: string }).sphereId === sphereId);

  it(`${PARALLEL} parallel PUT member: one 201 and one "granted" audit row, the others 200 without a row`, async () => {
    const user = await organisationMember();
    const sphere = await createSphere(t, owner, organisationId, { visibility: 'private' });
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        t.http.put(`/api/v1/spheres/${sphere.id}/members/${user.id}`).set(as(owner)).send({ role: 'member' }),
      ),
    );
    const counts = tally(responses.map((r) => r.status));
    expect(counts[201]).toBe(1);
    expect((counts[200] ?? 0) + (counts[409] ?? 0)).toBe(PARALLEL - 1);
    const mine = about(user.id, sphere.id);
    expect(mine(await auditEntries(t, organisationId, 'membership.granted'))).toHaveLength(1);
    expect(mine(await auditEntries(t, organisationId, 'membership.changed'))).toHaveLength(0);

    // a real change afterwards is one row again, with what it was before
    await t.http
      .put(`/api/v1/spheres/${sphere.id}/members/${user.id}`)
      .set(as(owner))
      .send({ role: 'animator' })
      .expect(200);
    const changed = mine(await auditEntries(t, organisationId, 'membership.changed'));
    expect(changed.map((e) => e.before)).toEqual([{ role: 'member', status: 'active' }]);
  });

  it(`${PARALLEL} parallel joins of one sphere by one user: one 201 and one audit row, the others 409`, async () => {
    const user = await organisationMember();
    const sphere = await createSphere(t, owner, organisationId, { visibility: 'public' });
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, () => t.http.post(`/api/v1/spheres/${sphere.id}/join`).set(as(user))),
    );
    expect(tally(responses.map((r) => r.status))).toEqual({ 201: 1, 409: PARALLEL - 1 });
    for (const refused of responses.filter((r) => r.status === 409))
      expect(refused.body.type).toContain('already-member');
    expect(about(user.id, sphere.id)(await auditEntries(t, organisationId, 'membership.joined'))).toHaveLength(1);
  });
});
