import { randomUUID } from 'node:crypto';
import { walkPages } from '../factories/content';
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

/**
 * The managers' queue (issue 11): cases that went up, in the subtrees the caller's organisation roles
 * cover. Cases are written in SQL: how they went up is the escalation's tests' subject, not this one's.
 */
describe('GET /organisations/:orgId/moderation/cases', () => {
  let t: TestApp;
  let organisationId: string;
  let owner: TestUser;
  let nationalManager: TestUser;
  let managerA: TestUser;
  let member: TestUser;
  let animator: TestUser;
  let stranger: TestUser;
  const spheres: Record<'national' | 'regionA' | 'regionB' | 'localA' | 'localB', { id: string; path: string }> =
    {} as never;
  let clock = Date.UTC(2026, 0, 1);

  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
    const admin = await instanceAdmin(t);
    owner = await registerUser(t.http);
    organisationId = (await createOrganisation(t, admin, { owner })).id;
    spheres.national = await createSphere(t, owner, organisationId, { name: 'National' });
    spheres.regionA = await createSphere(t, owner, organisationId, { name: 'Region A', parentId: spheres.national.id });
    spheres.regionB = await createSphere(t, owner, organisationId, { name: 'Region B', parentId: spheres.national.id });
    spheres.localA = await createSphere(t, owner, organisationId, { name: 'Local A', parentId: spheres.regionA.id });
    spheres.localB = await createSphere(t, owner, organisationId, { name: 'Local B', parentId: spheres.regionB.id });
    [nationalManager, managerA, member, animator, stranger] = await Promise.all(
      Array.from({ length: 5 }, () => registerUser(t.http)),
    );
    await grantRole(t, owner, organisationId, { userId: nationalManager.id, role: 'system_manager' });
    await grantRole(t, owner, organisationId, {
      userId: managerA.id,
      role: 'system_manager',
      scopeSphereId: spheres.regionA.id,
    });
    await putMember(t, owner, spheres.localA.id, member.id, 'member');
    await putMember(t, owner, spheres.localA.id, animator.id, 'animator');
  });
  afterAll(() => t.close());

  /** A case in the sphere, with this status; `wentUp` says whether it was escalated first. Ids in time order. */
  async function insertCase(
    sphere: { id: string; path: string },
    status: 'open' | 'escalated' | 'resolved' | 'dismissed',
    wentUp = status === 'escalated',
  ): Promise<string> {
    clock += 1000;
    const millis = clock.toString(16).padStart(12, '0');
    const id = `${millis.slice(0, 8)}-${millis.slice(8)}-7${randomUUID().slice(15)}`;
    const decided = status === 'resolved' || status === 'dismissed';
    await t.db.query(
      `INSERT INTO moderation_cases (id, organisation_id, sphere_id, sphere_path, kind, status, target_type, target_id,
                                     target_snapshot, escalated_at, escalation_reason, decided_at, decision)
       VALUES ($1, $2, $3, $4, 'report', $5, 'post', gen_random_uuid(), '{"type":"post"}', $6, $7, $8, $9)`,
      [
        id,
        organisationId,
        sphere.id,
        sphere.path,
        status,
        wentUp ? new Date(clock) : null,
        wentUp ? 'animator' : null,
        decided ? new Date(clock) : null,
        decided ? (status === 'resolved' ? 'hide' : 'dismiss') : null,
      ],
    );
    return id;
  }

  const queue = (user: TestUser, query: Record<string, string | number> = {}) =>
    t.http.get(`/api/v1/organisations/${organisationId}/moderation/cases`).query(query).set(as(user));
  const ids = (body: { items: { id: string }[] }) => body.items.map((c) => c.id);

  it('shows a national manager every escalated case of the organisation, newest first, and a regional one only their subtree', async () => {
    const inLocalA = await insertCase(spheres.localA, 'escalated');
    const inRegionB = await insertCase(spheres.regionB, 'escalated');
    const inRegionA = await insertCase(spheres.regionA, 'escalated');
    const inLocalB = await insertCase(spheres.localB, 'escalated');
    const atTheTop = await insertCase(spheres.national, 'escalated');
    // never went up: the sphere's own queue only
    await insertCase(spheres.localA, 'open');
    await insertCase(spheres.localB, 'dismissed');

    const national = (await queue(nationalManager).expect(200)).body;
    expect(ids(national)).toEqual([atTheTop, inLocalB, inRegionA, inRegionB, inLocalA]);
    expect(national.items[0]).toMatchObject({ status: 'escalated', sphereId: spheres.national.id });
    expect((await queue(owner).expect(200)).body.items).toHaveLength(5);

    // region A and its groups, not region B's nor the national sphere's
    expect(ids((await queue(managerA).expect(200)).body)).toEqual([inRegionA, inLocalA]);
  });

  it('filters by status; an open case is not a manager’s (422)', async () => {
    const resolved = await insertCase(spheres.localA, 'resolved', true);
    const dismissed = await insertCase(spheres.localA, 'dismissed', true);
    await insertCase(spheres.localA, 'resolved', false);
    const resolvedInB = await insertCase(spheres.localB, 'resolved', true);

    expect(ids((await queue(managerA, { status: 'resolved' }).expect(200)).body)).toEqual([resolved]);
    expect(ids((await queue(managerA, { status: 'dismissed' }).expect(200)).body)).toEqual([dismissed]);
    expect(ids((await queue(nationalManager, { status: 'resolved' }).expect(200)).body)).toEqual([
      resolvedInB,
      resolved,
    ]);
    const refused = await queue(nationalManager, { status: 'open' }).expect(422);
    expect(refused.body.type).toContain('validation-failed');
  });

  it('walks every case once with the cursor, in a subtree holding several spheres', async () => {
    const created: string[] = [];
    for (let i = 0; i < 9; i++) created.push(await insertCase(i % 2 ? spheres.localA : spheres.regionA, 'escalated'));
    // interleaved with region B's, which the regional manager must skip whatever the page
    for (let i = 0; i < 4; i++) await insertCase(spheres.localB, 'escalated');
    const all = (await queue(nationalManager, { limit: 100 }).expect(200)).body.items as { id: string }[];

    const pages = await walkPages<{ id: string }>(
      t,
      managerA,
      `/api/v1/organisations/${organisationId}/moderation/cases?limit=2`,
    );
    const walked = pages.flat().map((c) => c.id);
    expect(pages.length).toBeGreaterThan(5);
    expect(new Set(walked).size).toBe(walked.length);
    expect(walked).toEqual([...walked].sort().reverse());
    expect(walked.slice(0, 9)).toEqual([...created].reverse());
    // every escalated case of region A's subtree, as the national manager sees them
    const inRegionA = await t.db.query(
      `SELECT id FROM moderation_cases WHERE organisation_id = $1 AND status = 'escalated' AND sphere_path LIKE $2`,
      [organisationId, `${spheres.regionA.path}%`],
    );
    expect([...walked].sort()).toEqual(inRegionA.map((r: { id: string }) => r.id).sort());
    expect(all.map((c) => c.id)).toEqual(expect.arrayContaining(walked));

    const national = await walkPages<{ id: string }>(
      t,
      nationalManager,
      `/api/v1/organisations/${organisationId}/moderation/cases?limit=3`,
    );
    expect(national.flat().map((c) => c.id)).toEqual(all.map((c) => c.id));
  });

  it('reads the union of several scoped mandates in the organisation, each case once', async () => {
    const twoScopes = await registerUser(t.http);
    await grantRole(t, owner, organisationId, {
      userId: twoScopes.id,
      role: 'system_manager',
      scopeSphereId: spheres.localA.id,
    });
    await grantRole(t, owner, organisationId, {
      userId: twoScopes.id,
      role: 'system_manager',
      scopeSphereId: spheres.regionB.id,
    });
    // a mandate inside another one adds nothing, and lists nothing twice
    await grantRole(t, owner, organisationId, {
      userId: twoScopes.id,
      role: 'system_manager',
      scopeSphereId: spheres.localB.id,
    });
    const expected = await t.db.query(
      `SELECT id FROM moderation_cases WHERE organisation_id = $1 AND status = 'escalated'
          AND (sphere_path LIKE $2 OR sphere_path LIKE $3) ORDER BY id DESC`,
      [organisationId, `${spheres.localA.path}%`, `${spheres.regionB.path}%`],
    );
    const walked = await walkPages<{ id: string }>(
      t,
      twoScopes,
      `/api/v1/organisations/${organisationId}/moderation/cases?limit=4`,
    );
    expect(expected.length).toBeGreaterThan(8);
    expect(walked.flat().map((c) => c.id)).toEqual(expected.map((r: { id: string }) => r.id));
  });

  it('refuses members, animators without an organisation role (403) and strangers (404)', async () => {
    await queue(member).expect(403);
    await queue(animator).expect(403);
    const notFound = await queue(stranger).expect(404);
    expect(notFound.body.detail).toMatch(/Organisation/);
    await t.http.get(`/api/v1/organisations/${randomUUID()}/moderation/cases`).set(as(nationalManager)).expect(404);
  });
});
