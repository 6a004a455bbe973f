import { ChartersService } from '@alveole/structure';
import {
  as,
  auditEntries,
  createOrganisation,
  createSphere,
  grantRole,
  instanceAdmin,
  publishCharter,
  putMember,
  registerUser,
} from '../factories/structure';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

describe('charters', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
    admin = await instanceAdmin(t);
  });
  afterAll(() => t.close());

  async function organisationWithMember() {
    const owner = await registerUser(t.http);
    const org = await createOrganisation(t, admin, { owner });
    const sphere = await createSphere(t, admin, org.id, { visibility: 'private' });
    const member = await registerUser(t.http);
    await putMember(t, admin, sphere.id, member.id, 'member');
    return { org, owner, sphere, member };
  }

  const charterUrl = (orgId: string) => `/api/v1/organisations/${orgId}/charter`;
  const sphereCharter = (sphereId: string) => `/api/v1/spheres/${sphereId}/charter`;

  it('answers 404 no-charter until a first version is published', async () => {
    const { org, sphere, member } = await organisationWithMember();
    expect((await t.http.get(charterUrl(org.id)).set(as(member)).expect(404)).body.type).toBe('no-charter');
    expect((await t.http.get(sphereCharter(sphere.id)).set(as(member)).expect(404)).body.type).toBe('no-charter');
    const accept = await t.http
      .post(`${sphereCharter(sphere.id)}/accept`)
      .set(as(member))
      .send({ version: 1 })
      .expect(404);
    expect(accept.body.type).toBe('no-charter');
    expect(await t.app.get(ChartersService).mustAcceptCharter(sphere.id, member.id)).toBe(false);
  });

  it('publishes numbered versions, bumps the organisation version and audits it', async () => {
    const { org, owner, member } = await organisationWithMember();
    const first = await publishCharter(t, owner, org.id, [
      { title: '  Respect  ', text: 'Be kind.' },
      { title: 'Privacy', text: 'No leaks.' },
    ]);
    expect(first).toEqual({
      version: 1,
      articles: [
        { number: 1, title: 'Respect', text: 'Be kind.' },
        { number: 2, title: 'Privacy', text: 'No leaks.' },
      ],
      publishedAt: expect.any(String),
    });
    const second = await publishCharter(t, owner, org.id, [{ title: 'Only rule', text: 'Be nice.' }]);
    expect(second.version).toBe(2);
    const read = await t.http.get(charterUrl(org.id)).set(as(member)).expect(200);
    expect(read.body.articles).toEqual([{ number: 1, title: 'Only rule', text: 'Be nice.' }]);
    expect((await t.http.get(`/api/v1/organisations/${org.id}`).set(as(member)).expect(200)).body.charterVersion).toBe(
      2,
    );
    const audit = await auditEntries(t, org.id, 'charter.published');
    expect(audit.map((a) => [a.actor_id, a.before, a.after])).toEqual([
      [owner.id, { version: 0 }, { version: 1, articles: 2 }],
      [owner.id, { version: 1 }, { version: 2, articles: 1 }],
    ]);
  });

  it('refuses bad articles with 422 field errors', async () => {
    const { org, owner } = await organisationWithMember();
    const article = { title: 'T', text: 'x' };
    const cases: [object, string][] = [
      [{ articles: [] }, 'articles'],
      [{ articles: Array.from({ length: 201 }, () => article) }, 'articles'],
      [{ articles: [{ title: '', text: 'x' }] }, 'articles.0.title'],
      [{ articles: [article, { title: 'x'.repeat(201), text: 'x' }] }, 'articles.1.title'],
      [{ articles: [{ title: 'T', text: 'x'.repeat(10001) }] }, 'articles.0.text'],
      [{ articles: [{ title: 'T' }] }, 'articles.0.text'],
      [{ articles: 'all of them' }, 'articles'],
      [{}, 'articles'],
    ];
    for (const [body, field] of cases) {
      const response = await t.http.put(charterUrl(org.id)).set(as(owner)).send(body).expect(422);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await t.http.get(`/api/v1/organisations/${org.id}`).set(as(owner))).body.charterVersion).toBe(0);
  });

  it('lets owners and system managers of the whole organisation edit it, nobody else', async () => {
    const { org, owner, sphere, member } = await organisationWithMember();
    const scoped = await registerUser(t.http);
    await grantRole(t, owner, org.id, { userId: scoped.id, role: 'system_manager', scopeSphereId: sphere.id });
    const sphereAdmin = await registerUser(t.http);
    await putMember(t, admin, sphere.id, sphereAdmin.id, 'sphere_admin');
    const outsider = await registerUser(t.http);
    const body = { articles: [{ title: 'T', text: 'x' }] };
    for (const user of [member, scoped, sphereAdmin]) {
      await t.http.put(charterUrl(org.id)).set(as(user)).send(body).expect(403);
    }
    await t.http.put(charterUrl(org.id)).set(as(outsider)).send(body).expect(404);
    await t.http.get(charterUrl(org.id)).set(as(outsider)).expect(404);
    await t.http.put(charterUrl(org.id)).send(body).expect(401);

    const manager = await registerUser(t.http);
    await grantRole(t, owner, org.id, { userId: manager.id, role: 'system_manager' });
    expect((await publishCharter(t, manager, org.id)).version).toBe(1);
    expect((await publishCharter(t, owner, org.id)).version).toBe(2);
  });

  it('shows the charter with the sphere addendum; a new version must be accepted again', async () => {
    const { org, owner, sphere, member } = await organisationWithMember();
    const service = t.app.get(ChartersService);
    await t.http
      .patch(`/api/v1/spheres/${sphere.id}`)
      .set(as(admin))
      .send({ charterAddendum: 'In this group, we speak French.' })
      .expect(200);
    await publishCharter(t, owner, org.id, [
      { title: 'Respect', text: 'Be kind.' },
      { title: 'Privacy', text: 'No leaks.' },
    ]);
    const before = await t.http.get(sphereCharter(sphere.id)).set(as(member)).expect(200);
    expect(before.body).toMatchObject({
      version: 1,
      text: '1. Respect\nBe kind.\n\n2. Privacy\nNo leaks.\n\nIn this group, we speak French.',
      addendum: 'In this group, we speak French.',
      acceptedVersion: null,
      mustAccept: true,
    });
    expect(before.body.articles).toHaveLength(2);
    expect(await service.mustAcceptCharter(sphere.id, member.id)).toBe(true);

    const accepted = await t.http
      .post(`${sphereCharter(sphere.id)}/accept`)
      .set(as(member))
      .send({ version: 1 });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ version: 1, acceptedVersion: 1 });
    expect((await t.http.get(sphereCharter(sphere.id)).set(as(member))).body).toMatchObject({
      acceptedVersion: 1,
      mustAccept: false,
    });
    expect(await service.mustAcceptCharter(sphere.id, member.id)).toBe(false);

    await publishCharter(t, owner, org.id, [{ title: 'Respect', text: 'Be very kind.' }]);
    expect((await t.http.get(sphereCharter(sphere.id)).set(as(member))).body).toMatchObject({
      version: 2,
      acceptedVersion: 1,
      mustAccept: true,
    });
    expect(await service.mustAcceptCharter(sphere.id, member.id)).toBe(true);
    // the membership itself says so, where clients look first
    const me = await t.http.get('/api/v1/me').set(as(member)).expect(200);
    expect(me.body.spheres).toEqual(
      expect.arrayContaining([expect.objectContaining({ sphereId: sphere.id, mustAcceptCharter: true })]),
    );
    const outdated = await t.http
      .post(`${sphereCharter(sphere.id)}/accept`)
      .set(as(member))
      .send({ version: 1 })
      .expect(409);
    expect(outdated.body.type).toBe('charter-version-outdated');
    await t.http
      .post(`${sphereCharter(sphere.id)}/accept`)
      .set(as(member))
      .send({ version: 3 })
      .expect(409);
    await t.http
      .post(`${sphereCharter(sphere.id)}/accept`)
      .set(as(member))
      .send({ version: 2 })
      .expect(200);
    expect((await t.http.get(sphereCharter(sphere.id)).set(as(member))).body).toMatchObject({
      acceptedVersion: 2,
      mustAccept: false,
    });
    expect(await service.mustAcceptCharter(sphere.id, member.id)).toBe(false);
  });

  it('lets only members accept, and validates the version', async () => {
    const { org, owner, sphere, member } = await organisationWithMember();
    await publishCharter(t, owner, org.id);
    const accept = (user: TestUser, body: unknown) =>
      t.http
        .post(`${sphereCharter(sphere.id)}/accept`)
        .set(as(user))
        .send(body as object);
    for (const body of [{}, { version: 0 }, { version: 'one' }, { version: 1.5 }]) {
      const response = await accept(member, body).expect(422);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['version']);
    }
    // an organisation member outside the sphere reads the charter (before joining) but cannot accept it
    const neighbour = await registerUser(t.http);
    const other = await createSphere(t, admin, org.id, { visibility: 'public' });
    await putMember(t, admin, other.id, neighbour.id, 'member');
    const read = await t.http.get(sphereCharter(sphere.id)).set(as(neighbour)).expect(200);
    expect(read.body).toMatchObject({ version: 1, acceptedVersion: null });
    await accept(neighbour, { version: 1 }).expect(403);
    await accept(owner, { version: 1 }).expect(403);
    const outsider = await registerUser(t.http);
    await t.http.get(sphereCharter(sphere.id)).set(as(outsider)).expect(404);
    await accept(outsider, { version: 1 }).expect(404);
    await t.http.get(sphereCharter('not-a-uuid')).set(as(member)).expect(404);
  });
});
