import sharp from 'sharp';
import { as, instanceAdmin } from '../factories/structure';
import { registerUser, TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

const photo = (width: number, height: number, format: 'png' | 'jpeg' | 'webp' = 'png') =>
  sharp({ create: { width, height, channels: 3, background: '#c0392b' } })
    .toFormat(format)
    .toBuffer();

describe('brand images', () => {
  let t: TestApp;
  let admin: TestUser;
  let member: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await instanceAdmin(t);
    member = await registerUser(t.http);
  });
  afterAll(() => t.close());

  const upload = (path: string, bytes: Buffer, name = 'logo.png', user = admin) =>
    t.http.put(path).set(as(user)).attach('file', bytes, { filename: name, contentType: 'image/png' });
  const imageAt = async (url: string) => {
    const response = await t.http
      .get(url)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    return { response, metadata: response.status === 200 ? await sharp(response.body as Buffer).metadata() : null };
  };

  it('re-encodes a logo as a PNG fitting 512×128, served immutable under the hash of its bytes', async () => {
    const uploaded = await upload('/api/v1/instance/logo', await photo(2000, 1000, 'jpeg'), 'logo.jpg').expect(200);
    expect(uploaded.body.logoUrl).toMatch(/^\/api\/v1\/instance\/images\/[0-9a-f]{32}\.png$/);
    const { response, metadata } = await imageAt(uploaded.body.logoUrl);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin'); // e-mails show it from webmails
    expect(metadata).toMatchObject({ format: 'png', width: 256, height: 128 });
    expect((await t.http.get('/api/v1/instance').expect(200)).body.logoUrl).toBe(uploaded.body.logoUrl);

    // the same picture again: the same URL (content-addressed)
    const again = await upload('/api/v1/instance/logo', await photo(2000, 1000, 'jpeg'), 'logo.jpg').expect(200);
    expect(again.body.logoUrl).toBe(uploaded.body.logoUrl);
  });

  it('turns a favicon into the square sizes browsers and home screens ask for', async () => {
    const uploaded = await upload('/api/v1/instance/favicon', await photo(300, 200, 'webp'), 'icon.webp').expect(200);
    expect((await imageAt(uploaded.body.faviconUrl)).metadata).toMatchObject({ format: 'png', width: 32, height: 32 });
    expect(Object.keys(uploaded.body.iconUrls).sort()).toEqual(['180', '192', '512']);
    expect((await imageAt(uploaded.body.iconUrls['512'])).metadata).toMatchObject({ width: 512, height: 512 });
    // the served page carries the favicon and the home-screen icon
    const removed = await t.http.delete('/api/v1/instance/favicon').set(as(admin)).expect(200);
    expect(removed.body).toMatchObject({ faviconUrl: null, iconUrls: null });
  });

  it('refuses what is not a PNG, JPEG or WebP, what is too large, and what cannot be read', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const refusedSvg = await upload('/api/v1/instance/logo', svg, 'logo.svg').expect(415);
    expect(refusedSvg.body.type).toBe('unsupported-image-type');
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    await upload('/api/v1/instance/logo', gif, 'logo.gif').expect(415);
    const truncated = (await photo(400, 400)).subarray(0, 200);
    expect((await upload('/api/v1/instance/logo', truncated).expect(422)).body.type).toBe('unreadable-image');
    const big = Buffer.concat([await photo(10, 10), Buffer.alloc(2 * 1024 * 1024)]);
    expect((await upload('/api/v1/instance/logo', big).expect(413)).body.type).toBe('file-too-large');
    await t.http.put('/api/v1/instance/logo').set(as(admin)).send({ file: 'x' }).expect(415);
    await upload('/api/v1/instance/logo', await photo(100, 100), 'logo.png', member).expect(403);
    await t.http.get('/api/v1/instance/images/not-an-image.png').expect(404);
    await t.http.get(`/api/v1/instance/images/${'0'.repeat(32)}.png`).expect(404);
  });

  it('gives an extra brand its own logo, leaving the default one alone', async () => {
    const brand = await t.http
      .post('/api/v1/instance/brands')
      .set(as(admin))
      .send({ name: 'Asso', hosts: ['asso.example.org'] })
      .expect(201);
    expect(brand.body.logoUrl).toBeNull(); // a new brand does not take the default's images
    const defaultLogo = (await t.http.get('/api/v1/instance').expect(200)).body.logoUrl;
    const uploaded = await upload(`/api/v1/instance/brands/${brand.body.id}/logo`, await photo(64, 64)).expect(200);
    expect(uploaded.body.logoUrl).not.toBe(defaultLogo);
    expect((await t.http.get('/api/v1/instance').set('host', 'asso.example.org').expect(200)).body.logoUrl).toBe(
      uploaded.body.logoUrl,
    );
    expect((await t.http.get('/api/v1/instance').expect(200)).body.logoUrl).toBe(defaultLogo);
    await upload(
      `/api/v1/instance/brands/${'0'.repeat(8)}-0000-7000-8000-${'0'.repeat(12)}/logo`,
      await photo(8, 8),
    ).expect(404);
  });
});
