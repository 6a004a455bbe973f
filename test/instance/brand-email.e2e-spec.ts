import sharp from 'sharp';
import { createPost, sphereWithPeople } from '../factories/content';
import { as, instanceAdmin } from '../factories/structure';
import { TestUser } from '../factories/users';
import { eventually } from '../support/processes';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';

describe('branded e-mails', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let admin: TestUser;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestApp({
      env: {
        REGISTER_MAX_PER_HOUR: '1000',
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        PUBLIC_URL: 'https://alveole.example.org',
        MAIL_FROM: 'Alveole <no-reply@alveole.example.org>',
      },
      withWorker: true,
    });
    admin = await instanceAdmin(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const mailAbout = (user: TestUser, words: string) =>
    eventually(
      () => smtp.to(user.email).find((mail) => mail.text.includes(words)),
      20_000,
      `an e-mail to ${user.email} with "${words}"`,
    );

  it('wears the brand of the organisation: name, logo, colour, sender, links and legal footer', async () => {
    const { org, sphere, animator, member } = await sphereWithPeople(t, {}, admin);
    const brand = await t.http
      .post('/api/v1/instance/brands')
      .set(as(admin))
      .send({
        name: 'ACAT France',
        hosts: ['intranet.acat.example'],
        organisationId: org.id,
        colors: { primary: '#8a1538' },
        emailSender: { name: 'ACAT — intranet', address: 'intranet@acat.example' },
        legal: { privacyUrl: 'https://acat.example/confidentialite' },
        poweredBy: false,
      })
      .expect(201);
    const logo = await sharp({ create: { width: 400, height: 100, channels: 3, background: '#8a1538' } })
      .png()
      .toBuffer();
    const withLogo = await t.http
      .put(`/api/v1/instance/brands/${brand.body.id}/logo`)
      .set(as(admin))
      .attach('file', logo, { filename: 'acat.png', contentType: 'image/png' })
      .expect(200);

    await createPost(t, member, sphere.id, 'Veillée de prière jeudi');
    const mail = await mailAbout(animator, 'Veillée de prière jeudi');
    expect(mail.from).toEqual({ name: 'ACAT — intranet', address: 'intranet@acat.example' });
    expect(mail.html).toContain(`<img src="https://intranet.acat.example${withLogo.body.logoUrl}" alt="ACAT France"`);
    expect(mail.html).toContain('background:#8a1538');
    expect(mail.html).toContain(`https://intranet.acat.example/spheres/${sphere.id}`);
    expect(mail.headers['list-unsubscribe']).toMatch(/^<https:\/\/intranet\.acat\.example\/api\/v1\/unsubscribe\//);
    expect(mail.html).toContain('href="https://acat.example/confidentialite"');
    expect(mail.text).toContain('ACAT France');
    expect(mail.text).not.toContain('Alveole');
  });

  it('wears the instance brand for an organisation without one', async () => {
    await t.http.patch('/api/v1/instance').set(as(admin)).send({ name: 'Réseau commun' }).expect(200);
    const { sphere, animator, member } = await sphereWithPeople(t, {}, admin);
    await createPost(t, member, sphere.id, 'Assemblée générale');
    const mail = await mailAbout(animator, 'Assemblée générale');
    expect(mail.from).toEqual({ name: 'Réseau commun', address: 'no-reply@alveole.example.org' });
    expect(mail.html).toContain(`https://alveole.example.org/spheres/${sphere.id}`);
    expect(mail.text).toContain('Propulsé par Alveole'); // the default keeps the powered-by line
  });

  it('previews the e-mail of a brand with unsaved edits, for instance admins', async () => {
    const preview = await t.http
      .post('/api/v1/instance/email-preview')
      .set(as(admin))
      .send({ locale: 'en', draft: { name: 'Draft name', colors: { primary: '#004d40' } } })
      .expect(200);
    expect(preview.body.html).toContain('Draft name');
    expect(preview.body.html).toContain('background:#004d40');
    expect(preview.body.text).toContain('Hello Alex,');
    const { member } = await sphereWithPeople(t, {}, admin);
    await t.http.post('/api/v1/instance/email-preview').set(as(member)).send({}).expect(403);
    await t.http
      .post('/api/v1/instance/email-preview')
      .set(as(admin))
      .send({ brandId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a00' })
      .expect(404);
  });
});
