import { as, createOrganisation, instanceAdmin } from '../factories/structure';
import { registerUser, TestUser } from '../factories/users';
import { eventually } from '../support/processes';
import { startTestApp, TestApp } from '../support/test-app';

describe('the instance brand', () => {
  let t: TestApp;
  let admin: TestUser;
  let member: TestUser;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
    admin = await instanceAdmin(t);
    member = await registerUser(t.http);
  });
  afterAll(() => t.close());

  const brandOf = (host?: string) => {
    const request = t.http.get('/api/v1/instance');
    return host ? request.set('host', host) : request;
  };

  it('serves the default brand to anyone, with an ETag that revalidates to 304 until an admin changes it', async () => {
    const first = await brandOf().expect(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.body).toEqual({
      id: expect.any(String),
      name: 'Alveole',
      shortName: 'Alveole',
      logoUrl: null,
      faviconUrl: null,
      iconUrls: null,
      colors: { primary: '#1d4ed8', secondary: '#0f766e', background: '#ffffff', text: '#111827' },
      defaultLocale: 'fr',
      welcomeText: '',
      charter: '',
      legal: { termsUrl: null, privacyUrl: null, contactUrl: null },
      registration: 'open',
      poweredBy: true,
    });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    await brandOf().set('if-none-match', etag).expect(304);

    const patched = await t.http
      .patch('/api/v1/instance')
      .set(as(admin))
      .send({
        name: 'Réseau Solidaire',
        welcomeText: 'Bienvenue dans le réseau',
        legal: { termsUrl: 'https://reseau.example.org/cgu' },
        emailSender: { name: 'Réseau Solidaire', address: 'contact@reseau.example.org' },
        poweredBy: false,
      })
      .expect(200);
    expect(patched.body).toMatchObject({
      name: 'Réseau Solidaire',
      shortName: 'Alveole',
      isDefault: true,
      hosts: [],
      emailSender: { name: 'Réseau Solidaire', address: 'contact@reseau.example.org' },
      legal: { termsUrl: 'https://reseau.example.org/cgu', privacyUrl: null, contactUrl: null },
    });
    const changed = await brandOf().set('if-none-match', etag).expect(200);
    expect(changed.body).toMatchObject({
      name: 'Réseau Solidaire',
      welcomeText: 'Bienvenue dans le réseau',
      poweredBy: false,
    });
    expect(changed.body).not.toHaveProperty('emailSender'); // the sender is the admins' business
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('lets instance admins alone edit brands', async () => {
    await t.http.patch('/api/v1/instance').send({ name: 'X' }).expect(401);
    await t.http.patch('/api/v1/instance').set(as(member)).send({ name: 'X' }).expect(403);
    await t.http.get('/api/v1/instance/brands').set(as(member)).expect(403);
    await t.http
      .post('/api/v1/instance/brands')
      .set(as(member))
      .send({ name: 'X', hosts: ['x.example.org'] })
      .expect(403);
    expect((await brandOf().expect(200)).body.name).not.toBe('X');
  });

  it('refuses colours under AA contrast with the pair and its ratio, and keeps what was stored', async () => {
    const before = (await brandOf().expect(200)).body.colors;
    const refused = await t.http
      .patch('/api/v1/instance')
      .set(as(admin))
      .send({ colors: { text: '#777777' }, name: 'Not saved' })
      .expect(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      type: 'validation-failed',
      errors: [
        { field: 'colors.text', message: 'text on background has a contrast of 4.47:1; at least 4.5:1 is needed' },
      ],
      contrast: [{ pair: ['text', 'background'], ratio: 4.47, required: 4.5 }],
    });
    // a dark background fails both pairs at once
    const dark = await t.http
      .patch('/api/v1/instance')
      .set(as(admin))
      .send({ colors: { background: '#101010' } })
      .expect(422);
    expect(dark.body.contrast.map((c: { pair: string[] }) => c.pair.join('/'))).toEqual([
      'text/background',
      'primary/background',
    ]);
    await t.http
      .patch('/api/v1/instance')
      .set(as(admin))
      .send({ colors: { primary: 'blue' } })
      .expect(422);
    await t.http
      .patch('/api/v1/instance')
      .set(as(admin))
      .send({ colors: { primary: '#12345' } })
      .expect(422);
    const after = (await brandOf().expect(200)).body;
    expect(after.colors).toEqual(before);
    expect(after.name).not.toBe('Not saved');

    const saved = await t.http
      .patch('/api/v1/instance')
      .set(as(admin))
      .send({ colors: { background: '#101010', text: '#f5f5f5', primary: '#7cb8ff' } })
      .expect(200);
    expect(saved.body.colors).toEqual({ ...before, background: '#101010', text: '#f5f5f5', primary: '#7cb8ff' });
    await t.http.patch('/api/v1/instance').set(as(admin)).send({ colors: before }).expect(200);
  });

  it('refuses hostile fields with 422', async () => {
    const cases = [
      { emailSender: { name: 'Evil\r\nBcc: victim@example.org' } },
      { emailSender: { address: 'not an address' } },
      { legal: { termsUrl: 'javascript:alert(1)' } },
      { registration: 'maybe' },
      { defaultLocale: 'de' },
      { name: '' },
      { shortName: 'x'.repeat(31) },
      { welcomeText: 'x'.repeat(2001) },
    ];
    for (const body of cases) {
      const response = await t.http.patch('/api/v1/instance').set(as(admin)).send(body);
      expect({ body, status: response.status }).toEqual({ body, status: 422 });
    }
  });

  it('keeps an audit trail of brand changes for instance admins', async () => {
    await t.http.patch('/api/v1/instance').set(as(admin)).send({ shortName: 'Réseau' }).expect(200);
    const trail = await t.http.get('/api/v1/instance/audit-log').set(as(admin)).expect(200);
    expect(trail.body.items[0]).toMatchObject({
      action: 'brand.updated',
      targetType: 'brand',
      actor: { id: admin.id },
      before: expect.objectContaining({ short_name: 'Alveole' }),
      after: expect.objectContaining({ short_name: 'Réseau' }),
    });
    await t.http.get('/api/v1/instance/audit-log').set(as(member)).expect(403);
  });

  describe('brands by host name', () => {
    it('picks the brand by Host, falls back to the default for unknown hosts, and refuses taken hosts', async () => {
      const org = await createOrganisation(t, admin);
      const created = await t.http
        .post('/api/v1/instance/brands')
        .set(as(admin))
        .send({
          name: 'ACAT',
          hosts: ['ACAT.example.org ', 'intranet.acat.example'],
          organisationId: org.id,
          registration: 'closed',
        })
        .expect(201);
      expect(created.body).toMatchObject({
        name: 'ACAT',
        shortName: 'ACAT',
        isDefault: false,
        hosts: ['acat.example.org', 'intranet.acat.example'],
        organisationId: org.id,
        registration: 'closed',
      });
      expect((await brandOf('acat.example.org').expect(200)).body).toMatchObject({ id: created.body.id, name: 'ACAT' });
      expect((await brandOf('Intranet.ACAT.example:8443').expect(200)).body.name).toBe('ACAT');
      expect((await brandOf('unknown.example.org').expect(200)).body.isDefault).toBeUndefined();
      expect((await brandOf('unknown.example.org').expect(200)).body.id).not.toBe(created.body.id);

      const taken = await t.http
        .post('/api/v1/instance/brands')
        .set(as(admin))
        .send({ name: 'Other', hosts: ['other.example.org', 'acat.example.org'] })
        .expect(409);
      expect(taken.body).toMatchObject({
        type: 'brand-host-taken',
        detail: expect.stringContaining('acat.example.org'),
      });
      const sameOrg = await t.http
        .post('/api/v1/instance/brands')
        .set(as(admin))
        .send({ name: 'Other', hosts: ['other.example.org'], organisationId: org.id })
        .expect(409);
      expect(sameOrg.body.type).toBe('brand-organisation-taken');
      expect((await brandOf('other.example.org').expect(200)).body.name).not.toBe('Other'); // nothing half-made
      await t.http
        .post('/api/v1/instance/brands')
        .set(as(admin))
        .send({ name: 'Bad', hosts: ['https://bad.example.org'] })
        .expect(422);
      await t.http.post('/api/v1/instance/brands').set(as(admin)).send({ name: 'Bad', hosts: [] }).expect(422);

      const list = await t.http.get('/api/v1/instance/brands').set(as(admin)).expect(200);
      expect(list.body.items[0].isDefault).toBe(true);
      expect(list.body.items.map((b: { name: string }) => b.name)).toContain('ACAT');

      const defaultId = list.body.items[0].id;
      expect((await t.http.delete(`/api/v1/instance/brands/${defaultId}`).set(as(admin)).expect(409)).body.type).toBe(
        'brand-default',
      );
      await t.http
        .patch(`/api/v1/instance/brands/${defaultId}`)
        .set(as(admin))
        .send({ hosts: ['x.example.org'] })
        .expect(409);
      await t.http.delete(`/api/v1/instance/brands/${created.body.id}`).set(as(admin)).expect(204);
      expect((await brandOf('acat.example.org').expect(200)).body.id).toBe(defaultId);
      await t.http.delete(`/api/v1/instance/brands/${created.body.id}`).set(as(admin)).expect(404);
    });

    it('applies the registration policy of the brand the request came to', async () => {
      const closed = await t.http
        .post('/api/v1/instance/brands')
        .set(as(admin))
        .send({ name: 'Closed', hosts: ['closed.example.org'], registration: 'closed' })
        .expect(201);
      const invitationOnly = await t.http
        .post('/api/v1/instance/brands')
        .set(as(admin))
        .send({ name: 'Invited', hosts: ['invited.example.org'], registration: 'invitation_only' })
        .expect(201);
      const input = (tag: string) => ({
        email: `${tag}@example.org`,
        password: 'a-long-enough-password',
        displayName: tag,
      });

      const refused = await t.http
        .post('/api/v1/auth/register')
        .set('host', 'closed.example.org')
        .send(input('c1'))
        .expect(403);
      expect(refused.body.type).toBe('registration-closed');
      const noCode = await t.http
        .post('/api/v1/auth/register')
        .set('host', 'invited.example.org')
        .send(input('i1'))
        .expect(403);
      expect(noCode.body.type).toBe('registration-invitation-only');
      // a code that does not exist: the invitation's own answer, and no account
      await t.http
        .post('/api/v1/auth/register')
        .set('host', 'invited.example.org')
        .send({ ...input('i2'), invitationCode: 'no-such-code-here' })
        .expect(404);
      await t.http
        .post('/api/v1/auth/login')
        .send({ email: 'i2@example.org', password: 'a-long-enough-password' })
        .expect(401);
      // the default brand is still open
      await t.http.post('/api/v1/auth/register').send(input('open1')).expect(201);

      // closed: instance admins make the accounts
      await t.http.post('/api/v1/users').set(as(member)).send(input('made1')).expect(403);
      const made = await t.http.post('/api/v1/users').set(as(admin)).send(input('made1')).expect(201);
      expect(made.body).toMatchObject({ email: 'made1@example.org', displayName: 'made1', instanceRole: null });
      await t.http.post('/api/v1/users').set(as(admin)).send(input('made1')).expect(409);
      await t.http
        .post('/api/v1/auth/login')
        .send({ email: 'made1@example.org', password: 'a-long-enough-password' })
        .expect(200);

      for (const brand of [closed.body, invitationOnly.body]) {
        await t.http.delete(`/api/v1/instance/brands/${brand.id}`).set(as(admin)).expect(204);
      }
    });
  });

  it('shows an edit made on another node, or by hand in SQL, on every node', async () => {
    const other = await startTestApp({ sharing: t });
    try {
      const read = (app: TestApp) => app.http.get('/api/v1/instance').then((r) => r.body.welcomeText as string);
      expect(await read(other)).toBe(await read(t)); // both have loaded their catalogue
      await t.http.patch('/api/v1/instance').set(as(admin)).send({ welcomeText: 'Changed on node A' }).expect(200);
      expect(await read(t)).toBe('Changed on node A'); // the writer's node at once
      await eventually(async () => ((await read(other)) === 'Changed on node A' ? true : undefined), 10_000, 'node B');
      await t.db.query(`UPDATE brands SET welcome_text = 'Changed in SQL' WHERE is_default`);
      await eventually(async () => ((await read(t)) === 'Changed in SQL' ? true : undefined), 10_000, 'node A');
      await eventually(async () => ((await read(other)) === 'Changed in SQL' ? true : undefined), 10_000, 'node B');
    } finally {
      await other.close();
    }
  });
});
