import { postAs } from '../factories/content';
import {
  as,
  auditEntries,
  createInvitation,
  createOrganisation,
  createSphere,
  instanceAdmin,
  publishCharter,
  putMember,
  registerUser,
} from '../factories/structure';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

/** Issue 11: the organisation's charter is accepted once per version; a sphere's addendum once per change. */
describe('charter acceptance once per version', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
    admin = await instanceAdmin(t);
  });
  afterAll(() => t.close());

  /** Two public spheres of one organisation with a published charter, and a member of both. */
  async function twoSpheres() {
    const owner = await registerUser(t.http);
    const org = await createOrganisation(t, admin, { owner });
    const a = await createSphere(t, admin, org.id);
    const b = await createSphere(t, admin, org.id);
    const member = await registerUser(t.http);
    await putMember(t, admin, a.id, member.id, 'member');
    await putMember(t, admin, b.id, member.id, 'member');
    const { version } = await publishCharter(t, owner, org.id);
    return { org, owner, a, b, member, version };
  }

  const charterOf = (user: TestUser, sphereId: string) =>
    t.http.get(`/api/v1/spheres/${sphereId}/charter`).set(as(user)).expect(200);
  const accept = (user: TestUser, sphereId: string, body: Record<string, unknown>) =>
    t.http.post(`/api/v1/spheres/${sphereId}/charter/accept`).set(as(user)).send(body);
  const post = (user: TestUser, sphereId: string) => postAs(t, user, sphereId, { body: 'Hello' });
  const setAddendum = (sphereId: string, charterAddendum: string) =>
    t.http.patch(`/api/v1/spheres/${sphereId}`).set(as(admin)).send({ charterAddendum }).expect(200);
  async function refused(user: TestUser, sphereId: string): Promise<string> {
    const response = await post(user, sphereId).expect(403);
    expect(response.body.type).toBe('charter-acceptance-required');
    return response.body.detail as string;
  }

  it('asks once per version: accepted in one sphere, it holds in every sphere of the organisation', async () => {
    const { org, owner, a, b, member } = await twoSpheres();
    expect(await refused(member, b.id)).toMatch(/^Read and accept the organisation's charter/);
    expect((await charterOf(member, b.id)).body).toMatchObject({
      acceptedVersion: null,
      mustAccept: true,
      accepted: { charter: false, addendum: true },
    });

    await accept(member, a.id, { version: 1 }).expect(200);
    await post(member, b.id).expect(201);
    await post(member, a.id).expect(201);
    expect((await charterOf(member, b.id)).body).toMatchObject({
      acceptedVersion: 1,
      mustAccept: false,
      accepted: { charter: true, addendum: true },
    });
    const orgCharter = await t.http.get(`/api/v1/organisations/${org.id}/charter`).set(as(member)).expect(200);
    expect(orgCharter.body).toMatchObject({ version: 1, acceptedVersion: 1, mustAccept: false });
    const me = await t.http.get('/api/v1/me').set(as(member)).expect(200);
    const mine = (me.body.spheres as { sphereId: string; mustAcceptCharter: boolean }[]).filter((s) =>
      [a.id, b.id].includes(s.sphereId),
    );
    expect(mine.map((s) => s.mustAcceptCharter)).toEqual([false, false]);

    // a new version: both spheres refuse until one acceptance, in either of them
    await publishCharter(t, owner, org.id, [{ title: 'Respect', text: 'Be very kind.' }]);
    expect(await refused(member, a.id)).toMatch(/new version of the charter/);
    expect(await refused(member, b.id)).toMatch(/new version of the charter/);
    expect((await charterOf(member, a.id)).body).toMatchObject({
      version: 2,
      acceptedVersion: 1,
      accepted: { charter: false, addendum: true },
    });
    expect((await accept(member, b.id, { version: 1 }).expect(409)).body.type).toBe('charter-version-outdated');
    await accept(member, b.id, { version: 2 }).expect(200);
    await post(member, a.id).expect(201);
    await post(member, b.id).expect(201);
    const [row] = (await t.db.query(
      `SELECT charter_version_accepted AS v FROM organisation_members WHERE organisation_id = $1 AND user_id = $2`,
      [org.id, member.id],
    )) as { v: number }[];
    expect(row.v).toBe(2);
    const trail = await auditEntries(t, org.id, 'charter.accepted');
    expect(trail.map((e) => [e.actor_id, e.after])).toEqual([
      [member.id, { version: 1, sphereId: a.id, addendumVersion: 0 }],
      [member.id, { version: 2, sphereId: b.id, addendumVersion: 0 }],
    ]);
  });

  it('asks again only in the sphere whose addendum changed, and only for what it did not accept', async () => {
    const { a, b, member } = await twoSpheres();
    await accept(member, b.id, { version: 1 }).expect(200);
    await post(member, a.id).expect(201);

    await setAddendum(a.id, 'In this group, we speak French.');
    // never accepted anything in A with its addendum: worded as a first acceptance there
    expect(await refused(member, a.id)).toMatch(/^Read and accept the organisation's charter/);
    await post(member, b.id).expect(201);
    expect((await charterOf(member, a.id)).body).toMatchObject({
      acceptedVersion: 1,
      addendum: 'In this group, we speak French.',
      addendumVersion: 1,
      acceptedAddendumVersion: null,
      mustAccept: true,
      accepted: { charter: true, addendum: false },
    });
    // only the addendum read is accepted
    const stale = await accept(member, a.id, { version: 1, addendumVersion: 0 }).expect(409);
    expect(stale.body.type).toBe('charter-version-outdated');
    const accepted = await accept(member, a.id, { version: 1, addendumVersion: 1 }).expect(200);
    expect(accepted.body).toMatchObject({ version: 1, addendumVersion: 1, acceptedAddendumVersion: 1 });
    await post(member, a.id).expect(201);

    // the same text again changes nothing; a new text asks again in A, not in B
    await setAddendum(a.id, 'In this group, we speak French.');
    await post(member, a.id).expect(201);
    await setAddendum(a.id, 'In this group, we speak French and Breton.');
    expect(await refused(member, a.id)).toMatch(/new version of the charter/);
    await post(member, b.id).expect(201);
    expect((await charterOf(member, a.id)).body).toMatchObject({ addendumVersion: 2, acceptedAddendumVersion: 1 });
    await accept(member, a.id, { version: 1 }).expect(200); // without addendumVersion: the current one
    await post(member, a.id).expect(201);

    // a cleared addendum asks nothing, even of someone who never accepted it
    const newcomer = await registerUser(t.http);
    await putMember(t, admin, a.id, newcomer.id, 'member');
    await putMember(t, admin, b.id, newcomer.id, 'member');
    await accept(newcomer, b.id, { version: 1 }).expect(200);
    await refused(newcomer, a.id);
    await setAddendum(a.id, '   ');
    expect((await charterOf(newcomer, a.id)).body).toMatchObject({ addendum: null, addendumVersion: 0 });
    await post(newcomer, a.id).expect(201);
  });

  it('validates addendumVersion', async () => {
    const { a, member } = await twoSpheres();
    for (const addendumVersion of [-1, 'one', 1.5]) {
      const response = await accept(member, a.id, { version: 1, addendumVersion }).expect(422);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['addendumVersion']);
    }
  });

  it('asks a member who joins another sphere, by invitation, only for its addendum', async () => {
    const { a, b, member, org } = await twoSpheres();
    await accept(member, a.id, { version: 1 }).expect(200);
    const plain = await createSphere(t, admin, org.id, { visibility: 'private' });
    const withAddendum = await createSphere(t, admin, org.id, { visibility: 'private' });
    await setAddendum(withAddendum.id, 'Names of the people we help stay out of this sphere.');

    const toPlain = await createInvitation(t, admin, plain.id);
    const joinedPlain = await t.http.post(`/api/v1/invitations/${toPlain.code}/accept`).set(as(member));
    expect(joinedPlain.body).toMatchObject({ sphereId: plain.id, mustAcceptCharter: false });
    await post(member, plain.id).expect(201);

    const toAddendum = await createInvitation(t, admin, withAddendum.id);
    const joined = await t.http.post(`/api/v1/invitations/${toAddendum.code}/accept`).set(as(member));
    expect(joined.body).toMatchObject({ sphereId: withAddendum.id, mustAcceptCharter: true });
    expect((await charterOf(member, withAddendum.id)).body.accepted).toEqual({ charter: true, addendum: false });
    await refused(member, withAddendum.id);
    await accept(member, withAddendum.id, { version: 1, addendumVersion: 1 }).expect(200);
    await post(member, withAddendum.id).expect(201);
    await post(member, b.id).expect(201);
  });

  it('asks a member whose join request is approved only for its addendum; a public sphere without one, nothing', async () => {
    const { a, member, org } = await twoSpheres();
    await accept(member, a.id, { version: 1 }).expect(200);
    const animator = await registerUser(t.http);
    const closed = await createSphere(t, admin, org.id, { visibility: 'private' });
    await putMember(t, admin, closed.id, animator.id, 'animator');
    await setAddendum(closed.id, 'Announcements only on Mondays.');
    const open = await createSphere(t, admin, org.id, { visibility: 'public' });

    expect((await t.http.post(`/api/v1/spheres/${closed.id}/join`).set(as(member)).expect(201)).body.status).toBe(
      'requested',
    );
    await t.http.post(`/api/v1/spheres/${closed.id}/join-requests/${member.id}/approve`).set(as(animator)).expect(200);
    expect((await charterOf(member, closed.id)).body.accepted).toEqual({ charter: true, addendum: false });
    expect(await refused(member, closed.id)).toMatch(/^Read and accept the organisation's charter/);
    await accept(member, closed.id, { version: 1, addendumVersion: 1 }).expect(200);
    await post(member, closed.id).expect(201);

    await t.http.post(`/api/v1/spheres/${open.id}/join`).set(as(member)).expect(201);
    await post(member, open.id).expect(201);
  });
});
