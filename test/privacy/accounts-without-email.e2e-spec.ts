import { EMAIL_RECIPIENTS } from '../../libs/notifications/src/email/email.statements';
import { createPost, sphereWithPeople } from '../factories/content';
import { as, auditEntries, createInvitation, grantRole, putMember, registerUser } from '../factories/structure';
import { eventually } from '../support/processes';
import { connected, openSocket } from '../support/sockets';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { issueCode, loginWith, registerWithoutEmail, resetWithCode } from './reset-world';

const CODE = /^[ABCDEFGHJKMNPQRTUVWXY346789]{10}$/;

/** Issue 15, "done when 1": a member without e-mail, from sign-up to a password reset by an animator's code. */
describe('members without e-mail', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestApp({
      env: { REGISTER_MAX_PER_HOUR: '1000', SMTP_URL: `smtp://127.0.0.1:${smtp.port}` },
      withWorker: true,
    });
  });
  afterAll(async () => {
    await smtp.close();
    await t?.close();
  });

  it('signs up from an invitation with a username, signs in, posts, is notified in-app only, and resets with a code once', async () => {
    const { sphere, org, admin, animator, member } = await sphereWithPeople(t);
    const person = await registerWithoutEmail(t, admin, sphere.id);
    const me = await t.http.get('/api/v1/me').set(as(person)).expect(200);
    expect(me.body).toMatchObject({ email: null, username: person.username });
    expect(me.body.spheres.map((s: { sphereId: string }) => s.sphereId)).toContain(sphere.id);

    // signs in with the username, in any case and with stray spaces
    const signedIn = await loginWith(t, { username: ` ${person.username.toUpperCase()}`, password: person.password });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ id: person.id, email: null, username: person.username });
    await createPost(t, person, sphere.id, 'Bonjour, je suis nouvelle ici');

    // a post by someone else: in-app for the member without e-mail, e-mail for the animator only
    const post = await createPost(t, member, sphere.id, 'Distribution samedi 10h');
    await eventually(() => smtp.to(animator.email).find((mail) => mail.text.includes('Distribution samedi')));
    const inbox = await t.http.get('/api/v1/notifications').set(as(person)).expect(200);
    expect(JSON.stringify(inbox.body.items)).toContain(post.id);
    const [item] = await t.db.query(`SELECT email FROM notifications WHERE user_id = $1 AND subject_id = $2`, [
      person.id,
      post.id,
    ]);
    expect(item.email).toBe('none');
    expect(smtp.mails.every((mail) => mail.to.length > 0 && mail.to.every((to) => to.includes('@')))).toBe(true);
    // and the e-mail channel itself treats the missing address as e-mail off
    const recipients: { id: string; emailOff: boolean }[] = await t.db.query(EMAIL_RECIPIENTS, [
      [person.id, animator.id],
      new Date(),
    ]);
    expect(Object.fromEntries(recipients.map((r) => [r.id, r.emailOff]))).toEqual({
      [person.id]: true,
      [animator.id]: false,
    });

    // the animator gives a code; the member's open socket and refresh token end with the reset
    const socket = await connected(openSocket(t.url, signedIn.body.accessToken));
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const issued = await issueCode(t, animator, sphere.id, person.id).expect(201);
    expect(issued.body.code).toMatch(CODE);
    const ttl = new Date(issued.body.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
    const [audit] = await auditEntries(t, org.id, 'member.reset_code_issued');
    expect(audit).toMatchObject({ actor_id: animator.id, target_id: person.id });
    expect(JSON.stringify(audit)).not.toContain(issued.body.code);
    const stored = await t.db.query(`SELECT code_hash FROM password_reset_codes WHERE user_id = $1`, [person.id]);
    expect(JSON.stringify(stored)).not.toContain(issued.body.code);

    const newPassword = 'a-brand-new-password';
    const code = `${issued.body.code.slice(0, 5).toLowerCase()}-${issued.body.code.slice(5)}`;
    await resetWithCode(t, { username: person.username, code, newPassword }).expect(204);
    expect(await closed).toBe('io server disconnect');
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: signedIn.body.refreshToken }).expect(401);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: person.refreshToken }).expect(401);
    expect((await loginWith(t, { username: person.username, password: person.password })).status).toBe(401);
    expect((await loginWith(t, { username: person.username, password: newPassword })).status).toBe(200);

    // the code worked once
    const again = await resetWithCode(t, { username: person.username, code, newPassword: 'yet-another-password' });
    expect(again.status).toBe(400);
    expect(again.body.type).toBe('invalid-reset-code');
    expect((await loginWith(t, { username: person.username, password: newPassword })).status).toBe(200);
  });

  it('gives one answer for a wrong, exhausted, replaced or expired code and for an unknown name', async () => {
    const { sphere, admin, animator } = await sphereWithPeople(t);
    const person = await registerWithoutEmail(t, admin, sphere.id);
    const answers: unknown[] = [];
    const tryCode = async (code: string, username = person.username) => {
      const response = await resetWithCode(t, { username, code, newPassword: 'another-long-password' });
      expect(response.status).toBe(400);
      answers.push({ ...response.body, instance: undefined });
    };

    // five wrong tries kill the code: the right one fails afterwards
    const first = (await issueCode(t, animator, sphere.id, person.id).expect(201)).body.code as string;
    for (let i = 0; i < 5; i++) await tryCode('AAAAAAAAAA');
    await tryCode(first);
    // a new code voids the previous one
    const replaced = (await issueCode(t, animator, sphere.id, person.id).expect(201)).body.code as string;
    const current = (await issueCode(t, animator, sphere.id, person.id).expect(201)).body.code as string;
    await tryCode(replaced);
    // an expired code
    await t.db.query(`UPDATE password_reset_codes SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
      person.id,
    ]);
    await tryCode(current);
    // an unknown name
    await tryCode(current, 'nobody.here');
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toMatchObject({ type: 'invalid-reset-code', status: 400 });
    expect((await loginWith(t, { username: person.username, password: person.password })).status).toBe(200);
  });

  it('lets only those who run the sphere give codes, to active members ranked below them', async () => {
    const world = await sphereWithPeople(t);
    const { sphere, admin, animator, member, other } = world;
    const organisationId = world.org.id;
    const person = await registerWithoutEmail(t, admin, sphere.id);
    const sphereAdmin = await registerUser(t.http);
    await putMember(t, admin, sphere.id, sphereAdmin.id, 'sphere_admin');
    const manager = await registerUser(t.http);
    await grantRole(t, admin, organisationId, { userId: manager.id, role: 'system_manager' });

    // a member may not; an outsider does not see the sphere
    expect((await issueCode(t, member, sphere.id, person.id)).status).toBe(403);
    const outsider = await registerUser(t.http);
    expect((await issueCode(t, outsider, sphere.id, person.id)).status).toBe(404);
    // an animator: not for another animator, nor a sphere admin, nor a system manager who is a member
    await putMember(t, admin, sphere.id, other.id, 'animator');
    const refused = await issueCode(t, animator, sphere.id, other.id);
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe('reset-code-not-allowed');
    expect((await issueCode(t, animator, sphere.id, sphereAdmin.id)).status).toBe(403);
    await putMember(t, admin, sphere.id, manager.id, 'member');
    expect((await issueCode(t, animator, sphere.id, manager.id)).status).toBe(403);
    // the sphere admin may for the animator; the system manager for the sphere admin, not for the instance admin
    expect((await issueCode(t, sphereAdmin, sphere.id, other.id)).status).toBe(201);
    expect((await issueCode(t, manager, sphere.id, sphereAdmin.id)).status).toBe(201);
    await putMember(t, admin, sphere.id, admin.id, 'member');
    expect((await issueCode(t, manager, sphere.id, admin.id)).status).toBe(403);
    // not for someone who is not an active member here
    const elsewhere = await registerUser(t.http);
    expect((await issueCode(t, manager, sphere.id, elsewhere.id)).status).toBe(404);
    // an animator of another sphere of the organisation, out of scope
    const second = await sphereWithPeople(t, {}, admin);
    expect((await issueCode(t, second.animator, sphere.id, person.id)).status).toBe(404);
    expect((await issueCode(t, animator, sphere.id, person.id)).status).toBe(201);
    expect(await auditEntries(t, organisationId, 'member.reset_code_issued')).toHaveLength(3);
  });

  it('asks an e-mail-less sign-up for a username and an invitation, and keeps usernames unique', async () => {
    const { sphere, admin } = await sphereWithPeople(t);
    const invitation = await createInvitation(t, admin, sphere.id, { maxUses: 10 });
    const base = { password: 'long-enough-password', displayName: 'Sans Mail' };
    const noInvitation = await t.http.post('/api/v1/auth/register').send({ ...base, username: 'sans.mail' });
    expect(noInvitation.status).toBe(422);
    const noName = await t.http.post('/api/v1/auth/register').send({ ...base, invitationCode: invitation.code });
    expect(noName.status).toBe(422);
    const badName = await t.http
      .post('/api/v1/auth/register')
      .send({ ...base, username: 'x', invitationCode: invitation.code });
    expect(badName.status).toBe(422);
    const body = { ...base, username: `sans.mail.${Date.now() % 100000}`, invitationCode: invitation.code };
    await t.http.post('/api/v1/auth/register').send(body).expect(201);
    const taken = await t.http.post('/api/v1/auth/register').send({ ...body, username: body.username.toUpperCase() });
    expect(taken.status).toBe(409);
    expect(taken.body.type).toBe('username-taken');
    // login: an unknown username answers as a wrong password; both names at once is 422
    const unknown = await loginWith(t, { username: 'no.such.person', password: 'whatever-it-is' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.type).toBe('invalid-credentials');
    expect((await loginWith(t, { username: body.username, email: 'a@b.org', password: 'x' })).status).toBe(422);
    // an instance admin may create an account with a username only
    const created = await t.http
      .post('/api/v1/users')
      .set(as(admin))
      .send({ username: 'made.by.admin', password: 'long-enough-password', displayName: 'Made' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: null, username: 'made.by.admin' });
  });

  it('e-mails a reset link that works once, and answers the same for an unknown address without sending', async () => {
    const user = await registerUser(t.http);
    const requests = () =>
      t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE event_name = 'password_reset.requested'`);
    const [{ n: before }] = await requests();
    await t.http.post('/api/v1/auth/password-reset/request').send({ email: 'nobody@example.org' }).expect(202);
    const asked = await t.http.post('/api/v1/auth/password-reset/request').send({ email: user.email.toUpperCase() });
    expect(asked.status).toBe(202);
    const mail = await eventually(() => smtp.to(user.email).find((m) => m.text.includes('/reset-password/')));
    const [{ n: after }] = await requests();
    expect(after - before).toBe(1); // nothing at all for the unknown address
    expect(smtp.to('nobody@example.org')).toEqual([]);
    const token = new RegExp(`${t.config.publicUrl}/reset-password/([\\w-]+)`).exec(mail.text)![1];
    // the event and the table never hold the token or the address
    const rows = await t.db.query(`SELECT payload FROM outbox WHERE event_name = 'password_reset.requested'`);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(rows)).not.toContain(user.email);
    expect(JSON.stringify(await t.db.query(`SELECT * FROM password_reset_tokens`))).not.toContain(token);

    const confirm = (newPassword: string) =>
      t.http.post('/api/v1/auth/password-reset/confirm').send({ token, newPassword });
    await confirm('my-new-password-1').expect(204);
    const twice = await confirm('my-new-password-2');
    expect(twice.status).toBe(400);
    expect(twice.body.type).toBe('invalid-reset-token');
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    expect((await loginWith(t, { email: user.email, password: 'my-new-password-1' })).status).toBe(200);
  });
});
