import { as, instanceAdmin } from '../factories/structure';
import { startTestApp, TestApp } from '../support/test-app';

describe('the brand behind a proxy', () => {
  let direct: TestApp;
  let proxied: TestApp;
  beforeAll(async () => {
    direct = await startTestApp();
    proxied = await startTestApp({ sharing: direct, env: { TRUST_PROXY_HOPS: '1' } });
    const admin = await instanceAdmin(direct);
    await direct.http
      .post('/api/v1/instance/brands')
      .set(as(admin))
      .send({ name: 'Behind the proxy', hosts: ['asso.example.org'] })
      .expect(201);
  });
  afterAll(async () => {
    await proxied.close();
    await direct.close();
  });

  const nameVia = (t: TestApp, headers: Record<string, string>) =>
    t.http
      .get('/api/v1/instance')
      .set(headers)
      .expect(200)
      .then((response) => response.body.name as string);

  it('reads X-Forwarded-Host only when the proxy is trusted (TRUST_PROXY_HOPS > 0)', async () => {
    expect(await nameVia(direct, { 'x-forwarded-host': 'asso.example.org' })).toBe('Alveole');
    expect(await nameVia(direct, { host: 'asso.example.org' })).toBe('Behind the proxy');
    expect(await nameVia(proxied, { host: 'internal:3000', 'x-forwarded-host': 'asso.example.org' })).toBe(
      'Behind the proxy',
    );
    expect(await nameVia(proxied, { 'x-forwarded-host': 'elsewhere.example.org' })).toBe('Alveole');
  });

  it('writes the host’s brand into the served page', async () => {
    // the built client (dist/web, part of `npm run build`) is what the api serves
    const page = await proxied.http.get('/some/page').set('x-forwarded-host', 'asso.example.org').expect(200);
    expect(page.text).toContain('<title>Behind the proxy</title>');
    const direct = await proxied.http.get('/some/page').expect(200);
    expect(direct.text).toContain('<title>Alveole</title>');
  });
});
