import {
  as,
  auditEntries,
  createInvitation,
  createOrganisation,
  createSphere,
  instanceAdmin,
  putMember,
  registerUser,
} from '../factories/structure';
import { TestUser, userInput } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

describe('invitations', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
    admin = await instanceAdmin(t);
  });
  afterAll(() => t.close());

  /** An organisation with a secret sphere run by a sphere admin (who is no organisation manager). */
  async function secretSphere() {
    const org = await createOrganisation(t, admin);
    const sphere = await createSphere(t, admin, org.id, { visibility: 'secret' });
    const sphereAdmin = await registerUser(t.http);
    await putMember(t, admin, sphere.id, sphereAdmin.id, 'sphere_admin');
    return { org, sphere, sphereAdmin };
  }

  const accept = (user: TestUser, code: string) => t.http.post(`/api/v1/invitations/${code}/accept`).set(as(user));

  it('lets a sphere admin invite by link: a stranger joins the sphere and the organisation', async () => {
    const { org, sphere, sphereAdmin } = await secretSphere();
    const invitation = await createInvitation(t, sphereAdmin, sphere.id, { maxUses: 5 });
    expect(invitation).toMatchObject({ role: 'member', maxUses: 5, uses: 0, expiresAt: null });
    expect(Buffer.from(invitation.code, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(invitation.url).toBe(`${t.config.publicUrl}/invitations/${invitation.code}`);

    const stranger = await registerUser(t.http);
    await t.http.get(`/api/v1/spheres/${sphere.id}`).set(as(stranger)).expect(404);
    const joined = await accept(stranger, invitation.code).expect(200);
    expect(joined.body).toEqual({
      sphereId: sphere.id,
      organisationId: org.id,
      role: 'member',
      status: 'active',
      mustAcceptCharter: false,
    });
    const me = await t.http.get('/api/v1/me').set(as(stranger)).expect(200);
    expect(me.body.organisations.map((o: { id: string }) => o.id)).toEqual([org.id]);
    expect(me.body.spheres).toEqual([
      expect.objectContaining({ sphereId: sphere.id, role: 'member', status: 'active' }),
    ]);
    const members = await t.http.get(`/api/v1/spheres/${sphere.id}/members`).set(as(stranger)).expect(200);
    expect(members.body.items.map((m: { userId: string }) => m.userId)).toContain(stranger.id);

    const list = await t.http.get(`/api/v1/spheres/${sphere.id}/invitations`).set(as(sphereAdmin)).expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: invitation.id, uses: 1 })]);
    const created = await auditEntries(t, org.id, 'invitation.created');
    expect(created).toEqual([expect.objectContaining({ actor_id: sphereAdmin.id, target_id: invitation.id })]);
    expect(JSON.stringify(created[0].after)).not.toContain(invitation.code);
    expect(await auditEntries(t, org.id, 'invitation.accepted')).toEqual([
      expect.objectContaining({ actor_id: stranger.id, target_id: invitation.id }),
    ]);
  });

  it('gives the invitation role: an invited animator can moderate join requests', async () => {
    const { sphere, sphereAdmin } = await secretSphere();
    const invitation = await createInvitation(t, sphereAdmin, sphere.id, { role: 'animator' });
    const animator = await registerUser(t.http);
    expect((await accept(animator, invitation.code).expect(200)).body.role).toBe('animator');
    await t.http.get(`/api/v1/spheres/${sphere.id}/join-requests`).set(as(animator)).expect(200);
  });

  it('refuses bad input with 422 and people who do not manage members with 403/404', async () => {
    const { org, sphere, sphereAdmin } = await secretSphere();
    const url = `/api/v1/spheres/${sphere.id}/invitations`;
    const cases: [Record<string, unknown>, string][] = [
      [{ role: 'sphere_admin' }, 'role'],
      [{ maxUses: 0 }, 'maxUses'],
      [{ maxUses: 10001 }, 'maxUses'],
      [{ maxUses: 1.5 }, 'maxUses'],
      [{ expiresAt: 'soon' }, 'expiresAt'],
      [{ expiresAt: new Date(Date.now() - 60_000).toISOString() }, 'expiresAt'],
      [{ code: 'mine' }, 'code'],
    ];
    for (const [body, field] of cases) {
      const response = await t.http.post(url).set(as(sphereAdmin)).send(body).expect(422);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    const member = await registerUser(t.http);
    await putMember(t, admin, sphere.id, member.id, 'member');
    await t.http.post(url).set(as(member)).send({}).expect(403);
    await t.http.get(url).set(as(member)).expect(403);
    const outsider = await registerUser(t.http);
    await t.http.post(url).set(as(outsider)).send({}).expect(404);
    await t.http.post(`/api/v1/spheres/not-a-uuid/invitations`).set(as(sphereAdmin)).send({}).expect(404);
    await t.http.post(url).send({}).expect(401);
    const owner = org.owner;
    expect((await createInvitation(t, owner, sphere.id, { role: 'visitor' })).role).toBe('visitor');
  });

  it('answers 404 for an unknown code, 410 once revoked, expired or used up', async () => {
    const { sphere, sphereAdmin } = await secretSphere();
    const user = await registerUser(t.http);
    const unknown = await accept(user, 'no-such-code-at-all').expect(404);
    expect(unknown.body.type).toBe('not-found');

    const revoked = await createInvitation(t, sphereAdmin, sphere.id);
    await t.http.delete(`/api/v1/spheres/${sphere.id}/invitations/${revoked.id}`).set(as(sphereAdmin)).expect(204);
    expect((await accept(user, revoked.code).expect(410)).body.type).toBe('invitation-gone');

    const expiring = await createInvitation(t, sphereAdmin, sphere.id, {
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    });
    await t.db.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expiring.id]);
    expect((await accept(user, expiring.code).expect(410)).body.type).toBe('invitation-gone');

    const once = await createInvitation(t, sphereAdmin, sphere.id, { maxUses: 1 });
    await accept(await registerUser(t.http), once.code).expect(200);
    expect((await accept(user, once.code).expect(410)).body.type).toBe('invitation-gone');
    // none of the refused attempts made the user a member
    await t.http.get(`/api/v1/spheres/${sphere.id}`).set(as(user)).expect(404);
  });

  it('refuses members (409, no use taken), banned users (403) and archived spheres (409)', async () => {
    const { sphere, sphereAdmin } = await secretSphere();
    const invitation = await createInvitation(t, sphereAdmin, sphere.id, { maxUses: 10 });
    const member = await registerUser(t.http);
    await accept(member, invitation.code).expect(200);
    expect((await accept(member, invitation.code).expect(409)).body.type).toBe('already-member');
    expect((await accept(sphereAdmin, invitation.code).expect(409)).body.type).toBe('already-member');
    const [row] = await t.db.query(`SELECT uses FROM invitations WHERE id = $1`, [invitation.id]);
    expect(row.uses).toBe(1);

    const banned = await registerUser(t.http);
    await putMember(t, admin, sphere.id, banned.id, 'member');
    await t.db.query(`UPDATE memberships SET status = 'banned' WHERE sphere_id = $1 AND user_id = $2`, [
      sphere.id,
      banned.id,
    ]);
    expect((await accept(banned, invitation.code).expect(403)).body.type).toBe('banned');

    await t.http.post(`/api/v1/spheres/${sphere.id}/archive`).set(as(admin)).expect(200);
    const late = await accept(await registerUser(t.http), invitation.code).expect(409);
    expect(late.body.type).toBe('sphere-archived');
  });

  it('turns a pending join request into an active membership with the invitation role', async () => {
    const org = await createOrganisation(t, admin);
    const lobby = await createSphere(t, admin, org.id, { visibility: 'public' });
    const closed = await createSphere(t, admin, org.id, { visibility: 'private' });
    const user = await registerUser(t.http);
    await putMember(t, admin, lobby.id, user.id, 'member');
    expect((await t.http.post(`/api/v1/spheres/${closed.id}/join`).set(as(user)).expect(201)).body.status).toBe(
      'requested',
    );
    const invitation = await createInvitation(t, admin, closed.id, { role: 'visitor' });
    await accept(user, invitation.code).expect(200);
    const me = await t.http.get('/api/v1/me').set(as(user)).expect(200);
    expect(me.body.spheres).toContainEqual(
      expect.objectContaining({ sphereId: closed.id, role: 'visitor', status: 'active' }),
    );
  });

  it('lets exactly one of two simultaneous accepts take the last use', async () => {
    const { sphere, sphereAdmin } = await secretSphere();
    const invitation = await createInvitation(t, sphereAdmin, sphere.id, { maxUses: 1 });
    const [a, b] = await Promise.all([registerUser(t.http), registerUser(t.http)]);
    const responses = await Promise.all([accept(a, invitation.code), accept(b, invitation.code)]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 410]);
    const [row] = await t.db.query(`SELECT uses FROM invitations WHERE id = $1`, [invitation.id]);
    expect(row.uses).toBe(1);
    const [count] = await t.db.query(
      `SELECT count(*)::int AS n FROM memberships WHERE sphere_id = $1 AND user_id = ANY($2::uuid[])`,
      [sphere.id, [a.id, b.id]],
    );
    expect(count.n).toBe(1);
  });

  it('lists usable invitations newest first with a cursor, and revokes them once', async () => {
    const { org, sphere, sphereAdmin } = await secretSphere();
    const first = await createInvitation(t, sphereAdmin, sphere.id);
    const second = await createInvitation(t, sphereAdmin, sphere.id);
    const third = await createInvitation(t, sphereAdmin, sphere.id);
    const url = `/api/v1/spheres/${sphere.id}/invitations`;
    await t.http.delete(`${url}/${second.id}`).set(as(sphereAdmin)).expect(204);
    await t.http.delete(`${url}/${second.id}`).set(as(sphereAdmin)).expect(404);
    await t.http.delete(`${url}/00000000-0000-7000-8000-000000000000`).set(as(sphereAdmin)).expect(404);

    const page = await t.http.get(`${url}?limit=1`).set(as(sphereAdmin)).expect(200);
    expect(page.body.items.map((i: { id: string }) => i.id)).toEqual([third.id]);
    const rest = await t.http.get(`${url}?limit=1&cursor=${page.body.nextCursor}`).set(as(sphereAdmin)).expect(200);
    expect(rest.body).toEqual({
      items: [expect.objectContaining({ id: first.id, code: first.code })],
      nextCursor: null,
    });
    await t.http.get(`${url}?limit=101`).set(as(sphereAdmin)).expect(422);
    expect(await auditEntries(t, org.id, 'invitation.revoked')).toEqual([
      expect.objectContaining({ actor_id: sphereAdmin.id, target_id: second.id }),
    ]);
  });

  it('registers with a good invitation code; a bad one refuses the registration and creates no account', async () => {
    const { org, sphere, sphereAdmin } = await secretSphere();
    const invitation = await createInvitation(t, sphereAdmin, sphere.id, { maxUses: 1 });
    const good = userInput();
    const registered = await t.http
      .post('/api/v1/auth/register')
      .send({ ...good, invitationCode: invitation.code })
      .expect(201);
    const me = await t.http.get('/api/v1/me').set(as(registered.body)).expect(200);
    expect(me.body.spheres).toEqual([expect.objectContaining({ sphereId: sphere.id, organisationId: org.id })]);

    const countUsers = async (email: string) =>
      (await t.db.query(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [email]))[0].n;
    const unknown = userInput();
    const refused = await t.http
      .post('/api/v1/auth/register')
      .send({ ...unknown, invitationCode: 'x'.repeat(32) })
      .expect(404);
    expect(refused.body.type).toBe('not-found');
    expect(await countUsers(unknown.email)).toBe(0);
    const late = userInput();
    const gone = await t.http
      .post('/api/v1/auth/register')
      .send({ ...late, invitationCode: invitation.code })
      .expect(410);
    expect(gone.body.type).toBe('invitation-gone');
    expect(await countUsers(late.email)).toBe(0);
    const short = await t.http
      .post('/api/v1/auth/register')
      .send({ ...userInput(), invitationCode: 'short' })
      .expect(422);
    expect(short.body.errors.map((e: { field: string }) => e.field)).toEqual(['invitationCode']);
    // without a code, registration is as before
    await t.http.post('/api/v1/auth/register').send(userInput()).expect(201);
  });
});
