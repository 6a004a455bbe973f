import { startTestApp, TestApp } from '../support/test-app';

describe('GET /instance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves the brand to anyone, with an ETag that revalidates to 304 until the brand changes', async () => {
    const first = await t.http.get('/api/v1/instance').expect(200);
    expect(first.body).toEqual({
      name: 'Alveole',
      logoUrl: null,
      faviconUrl: null,
      colors: { primary: '#1d4ed8', secondary: '#0f766e', background: '#ffffff', text: '#111827' },
      defaultLocale: 'fr',
      charter: '',
      registration: 'open',
    });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    await t.http.get('/api/v1/instance').set('if-none-match', etag).expect(304);

    await t.db.query(`UPDATE instance_settings SET name = 'Réseau Solidaire'`);
    const changed = await t.http.get('/api/v1/instance').set('if-none-match', etag).expect(200);
    expect(changed.body.name).toBe('Réseau Solidaire');
    expect(changed.headers.etag).not.toBe(etag);
  });
});
