import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, ROOT } from '../support/processes';
import { startTestApp, TestApp } from '../support/test-app';

/** How the api serves the built client (dist/web): cache headers, SPA fallback, the api's own 404s, CSP. */
describe('web client serving', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('answers index.html, never cached, at / and at any client route', async () => {
    for (const path of ['/', '/spheres/0190f1a2-0000-7000-8000-000000000000', '/register?code=abc']) {
      const response = await t.http.get(path).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toContain('/_app/immutable/boot.');
      // no brand icon: an empty one, so the browser asks for no /favicon.ico (which would get this page)
      expect(response.text).toMatch(/<link rel="icon" href="data:,"\s*\/?>/);
    }
  });

  it('serves hashed assets as immutable for a year', async () => {
    const files = readdirSync(join(ROOT, 'dist/web/_app/immutable')).filter((name) => name.endsWith('.js'));
    expect(files.length).toBeGreaterThan(0);
    const response = await t.http.get(`/_app/immutable/${files[0]}`).expect(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('serves the service worker at the root scope, as JavaScript, revalidated on every use', async () => {
    const response = await t.http.get('/service-worker.js').expect(200);
    expect(response.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.text).toContain('alveole-feeds');
  });

  it("keeps the api's problem+json 404 under /api, /socket.io, /health and /metrics, and for other methods", async () => {
    // (Socket.IO answers its own path itself, with a 400 for an unknown transport: never the page)
    const socket = await t.http.get('/socket.io/x');
    expect(socket.headers['content-type'] ?? '').not.toMatch(/^text\/html/);
    for (const path of ['/api/v1/nothing-here', '/api', '/health/nothing', '/metrics/x']) {
      const response = await t.http.get(path);
      expect([path, response.status]).toEqual([path, 404]);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    await t.http.post('/spheres/x').send({}).expect(404);
  });

  it('serves the compressed copy the browser accepts, brotli first', async () => {
    const files = readdirSync(join(ROOT, 'dist/web/_app/immutable')).filter((name) => name.endsWith('.js'));
    const path = `/_app/immutable/${files[0]}`;
    const plain = await t.http.get(path).set('accept-encoding', 'identity').expect(200);
    for (const [accepted, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
    ]) {
      const response = await t.http.get(path).set('accept-encoding', accepted).buffer(true).expect(200);
      expect([accepted, response.headers['content-encoding']]).toEqual([accepted, encoding]);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(response.text).toBe(plain.text); // supertest decodes: the same bytes once decoded
    }
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('refuses paths that leave the build directory', async () => {
    const response = await t.http.get('/_app/..%2F..%2Fpackage.json');
    expect(response.text).not.toContain('"dependencies"');
  });

  it('needs no inline script: the CSP allows scripts from this origin only', async () => {
    const response = await t.http.get('/').expect(200);
    const policy = String(response.headers['content-security-policy']);
    expect(policy.split(';').find((directive) => directive.startsWith('script-src'))).toBe("script-src 'self'");
    expect(response.text).not.toMatch(/<script>/);
  });
});

describe('web client serving: the brand in the page', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('writes the instance brand into index.html before any script runs, escaped', async () => {
    const [logo, icon, touch] = ['a', 'b', 'c'].map((digit) => digit.repeat(32));
    await t.db.query(
      `UPDATE brands SET name = $1, colors = $2::jsonb, logo = $3::jsonb, favicon = $4::jsonb WHERE is_default`,
      [
        'Réseau <script>alert(1)</script>',
        JSON.stringify({ primary: '#aa3300', secondary: 'red;}body{display:none', background: '#fff', text: '#111' }),
        JSON.stringify({ logo }),
        JSON.stringify({ '32': icon, '180': touch }),
      ],
    );
    // the catalogue learns of a change made in SQL through LISTEN brands_changed
    const html = await eventually(
      async () => {
        const response = await t.http.get('/spheres/anything').expect(200);
        return response.text.includes('Réseau &#60;script') ? response.text : undefined;
      },
      10_000,
      'the page with the new brand',
    );
    expect(html).toContain('<title>Réseau &#60;script&#62;alert(1)&#60;/script&#62;</title>');
    expect(html).toContain('--brand-primary:#aa3300;');
    expect(html).toContain('--brand-secondary:#2d7d46;'); // not a colour: the default
    expect(html).not.toContain('display:none');
    const meta = /<meta name="alveole-brand" content="([^"]*)">/.exec(html);
    const decoded = meta![1].replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
    const brand = JSON.parse(decoded);
    expect(brand).toMatchObject({
      name: 'Réseau <script>alert(1)</script>',
      logoUrl: `/api/v1/instance/images/${logo}.png`,
      defaultLocale: expect.any(String),
      registration: 'open',
    });
    expect(brand).not.toHaveProperty('charter'); // long, and fetched when needed
    expect(html.match(/<script/g)).toHaveLength(1); // the bootstrap file only
    expect(html.match(/<link rel="(?:icon|apple-touch-icon)"[^>]*>/g)).toEqual([
      `<link rel="icon" type="image/png" href="/api/v1/instance/images/${icon}.png">`,
      `<link rel="apple-touch-icon" href="/api/v1/instance/images/${touch}.png">`,
    ]);
  });
});
