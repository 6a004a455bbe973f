import { Digests, localClock } from '@alveole/notifications';
import { createPost, sphereWithPeople } from '../factories/content';
import { as, putMember } from '../factories/structure';
import { TestUser } from '../factories/users';
import { eventually } from '../support/processes';
import { ReceivedMail, SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

describe('notifications by e-mail', () => {
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
    await t.close();
    await smtp.close();
  });

  const setLevel = (user: TestUser, sphereId: string, level: string) =>
    t.http.put(`/api/v1/spheres/${sphereId}/notification-preference`).set(as(user)).send({ level }).expect(200);
  const settings = (user: TestUser, body: Record<string, unknown>) =>
    t.http.put('/api/v1/me/notification-settings').set(as(user)).send(body).expect(200);
  /** The e-mail state of a user's item about a subject, once the e-mail channel has settled it. */
  const settled = (user: TestUser, subjectId: string) =>
    eventually(
      async () => {
        const [row] = await t.db.query(`SELECT email FROM notifications WHERE user_id = $1 AND subject_id = $2`, [
          user.id,
          subjectId,
        ]);
        return row && row.email !== 'immediate' ? (row.email as string) : undefined;
      },
      20_000,
      `the e-mail of ${subjectId} to ${user.email}`,
    );
  const mailAbout = (user: TestUser, words: string) =>
    eventually(
      () => smtp.to(user.email).find((mail) => mail.text.includes(words)),
      20_000,
      `an e-mail to ${user.email} with "${words}"`,
    );
  const tokenOf = (mail: ReceivedMail) => /\/api\/v1\/unsubscribe\/([^>]+)>/.exec(mail.headers['list-unsubscribe'])![1];
  /** The next 09:00 in Paris after now (a fixed moment at which a daily digest is due). */
  const nextParisNine = () => {
    let at = Date.now() + 60_000;
    while (Math.floor(localClock(new Date(at), 'Europe/Paris').minutes / 60) !== 9) at += 15 * 60_000;
    return new Date(at);
  };

  it("e-mails a new post at once to an 'all' member, in HTML and text with one-click unsubscribe, not to a digest one", async () => {
    const { sphere, animator, member, visitor } = await sphereWithPeople(t);
    await setLevel(visitor, sphere.id, 'daily_digest');
    const post = await createPost(t, member, sphere.id, 'Réunion <b>jeudi</b> à 18h');
    const mail = await mailAbout(animator, 'Réunion <b>jeudi</b> à 18h');
    expect(await settled(animator, post.id)).toBe('sent');
    expect(mail.subject).toContain(sphere.name);
    expect(mail.html).toContain('Réunion &lt;b&gt;jeudi&lt;/b&gt; à 18h'); // content never becomes markup
    expect(mail.html).toContain(`${t.config.publicUrl}/spheres/${sphere.id}`);
    expect(mail.headers['list-unsubscribe']).toMatch(
      new RegExp(`^<${t.config.publicUrl}/api/v1/unsubscribe/[\\w.-]+>$`),
    );
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(await settled(visitor, post.id)).toBe('daily');
    expect(smtp.to(visitor.email)).toEqual([]);

    // the link's token, one click: nothing more from this sphere
    const token = tokenOf(mail);
    expect((await t.http.get(`/api/v1/unsubscribe/${token}`).expect(200)).body).toEqual({
      sphereId: sphere.id,
      sphereName: sphere.name,
      level: 'all',
    });
    const done = await t.http
      .post(`/api/v1/unsubscribe/${token}`)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    expect(done.body).toEqual({ sphereId: sphere.id, sphereName: sphere.name, level: 'none' });
    const preference = await t.http.get(`/api/v1/spheres/${sphere.id}/notification-preference`).set(as(animator));
    expect(preference.body.level).toBe('none');
  });

  it('refuses a forged or altered unsubscribe token with the same 404', async () => {
    const { sphere, animator } = await sphereWithPeople(t);
    const ids = Buffer.from(`${animator.id}${sphere.id}`.replace(/-/g, ''), 'hex').toString('base64url');
    const forged = `${ids}.AAAAAAAAAAAAAAAAAAAAAA`;
    for (const token of [forged, 'not-a-token', `${forged}x`]) {
      const answer = await t.http.post(`/api/v1/unsubscribe/${token}`).send({}).expect(404);
      expect(answer.body.type).toContain('invalid-unsubscribe-token');
      await t.http.get(`/api/v1/unsubscribe/${token}`).expect(404);
    }
    const preference = await t.http.get(`/api/v1/spheres/${sphere.id}/notification-preference`).set(as(animator));
    expect(preference.body.level).toBe('all');
  });

  it('groups a daily digest per sphere, never repeating an item already e-mailed, once a day', async () => {
    const first = await sphereWithPeople(t);
    const second = await sphereWithPeople(t, {}, first.admin);
    const reader = first.visitor;
    await putMember(t, first.admin, second.sphere.id, reader.id, 'member');
    await createPost(t, second.member, second.sphere.id, 'Déjà envoyé tout de suite');
    await mailAbout(reader, 'Déjà envoyé tout de suite');
    await setLevel(reader, first.sphere.id, 'daily_digest');
    await setLevel(reader, second.sphere.id, 'daily_digest');
    const a = await createPost(t, first.member, first.sphere.id, 'Premier sujet du jour');
    const b = await createPost(t, second.member, second.sphere.id, 'Second sujet du jour');
    expect(await settled(reader, a.id)).toBe('daily');
    expect(await settled(reader, b.id)).toBe('daily');

    const digests = t.app.get(Digests);
    const now = nextParisNine();
    expect(await digests.sendDue('daily', now)).toBeGreaterThanOrEqual(1);
    const digest = await mailAbout(reader, 'Premier sujet du jour');
    expect(digest.text).toContain('Second sujet du jour');
    expect(digest.text).not.toContain('Déjà envoyé tout de suite');
    expect(digest.text).toContain(`## ${first.sphere.name}`);
    expect(digest.text).toContain(`## ${second.sphere.name}`);
    expect(digest.html).toContain(`>${first.sphere.name}</h2>`);
    expect(await settled(reader, a.id)).toBe('sent');

    const c = await createPost(t, first.member, first.sphere.id, 'Arrivé après le résumé');
    expect(await settled(reader, c.id)).toBe('daily');
    await digests.sendDue('daily', new Date(now.getTime() + 60_000)); // the same local day: no second digest
    expect(await settled(reader, c.id)).toBe('daily');
    expect(smtp.to(reader.email).filter((mail) => mail.text.includes('Premier sujet du jour'))).toHaveLength(1);
  });

  it('holds an item back in quiet hours, and rolls the items over the daily cap into the digest', async () => {
    const { sphere, member, animator, other } = await sphereWithPeople(t);
    const here = localClock(new Date(), 'Europe/Paris').minutes;
    const hhmm = (minutes: number) => {
      const m = (minutes + 1440) % 1440;
      return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    };
    await settings(animator, {
      timeZone: 'Europe/Paris',
      quietHours: { start: hhmm(here - 60), end: hhmm(here + 60) },
    });
    await settings(other, { dailyEmailCap: 1 });
    const one = await createPost(t, member, sphere.id, 'Premier message du soir');
    expect(await settled(animator, one.id)).toBe('daily');
    expect(await settled(other, one.id)).toBe('sent');
    const two = await createPost(t, member, sphere.id, 'Second message du soir');
    expect(await settled(other, two.id)).toBe('daily');
    expect(smtp.to(animator.email)).toEqual([]);
    expect(smtp.to(other.email).filter((mail) => mail.text.includes('Second message du soir'))).toEqual([]);

    await t.app.get(Digests).sendDue('daily', nextParisNine());
    const digest = await mailAbout(other, 'Second message du soir');
    expect(digest.text).not.toContain('Premier message du soir');
  });

  it('sends the weekly digest on Monday mornings only, without the words of a post since removed', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    await setLevel(other, sphere.id, 'weekly_digest');
    const kept = await createPost(t, member, sphere.id, 'Compte rendu de la semaine');
    const removed = await createPost(t, member, sphere.id, 'Message retiré ensuite');
    expect(await settled(other, kept.id)).toBe('weekly');
    expect(await settled(other, removed.id)).toBe('weekly');
    await t.http.delete(`/api/v1/posts/${removed.id}`).set(as(member)).expect(204);

    let monday = nextParisNine();
    while (localClock(monday, 'Europe/Paris').weekday !== 1) monday = new Date(monday.getTime() + 24 * 3600_000);
    const tuesday = new Date(monday.getTime() + 24 * 3600_000);
    const digests = t.app.get(Digests);
    await digests.sendDue('weekly', tuesday);
    expect(await settled(other, kept.id)).toBe('weekly');
    await digests.sendDue('weekly', monday);
    const digest = await mailAbout(other, 'Compte rendu de la semaine');
    expect(digest.text).not.toContain('Message retiré ensuite');
    expect(digest.html).not.toContain('Message retiré ensuite');
    expect(await settled(other, removed.id)).toBe('sent');
  });

  it('drops what waited for a digest once the person turns e-mail off', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    await setLevel(other, sphere.id, 'daily_digest');
    const post = await createPost(t, member, sphere.id, 'Attendait le résumé');
    expect(await settled(other, post.id)).toBe('daily');
    await settings(other, { emailEnabled: false });
    await t.app.get(Digests).sendDue('daily', nextParisNine());
    expect(await settled(other, post.id)).toBe('none');
    expect(smtp.to(other.email)).toEqual([]);
  });

  it('pauses e-mail for an address the server refuses (550), and later items skip e-mail', async () => {
    const { sphere, member, animator } = await sphereWithPeople(t);
    smtp.refused.add(animator.email.toLowerCase());
    const post = await createPost(t, member, sphere.id, 'Adresse inconnue');
    expect(await settled(animator, post.id)).toBe('none');
    const [row] = await t.db.query(`SELECT email_failed_at FROM notification_settings WHERE user_id = $1`, [
      animator.id,
    ]);
    expect(row.email_failed_at).not.toBeNull();
    const failing = await t.http.get('/api/v1/me/notification-settings').set(as(animator)).expect(200);
    expect(failing.body.emailFailing).toBe(true);

    const later = await createPost(t, member, sphere.id, 'Encore un');
    expect(await settled(animator, later.id)).toBe('none');
    expect(smtp.to(animator.email)).toEqual([]);
  });
});
