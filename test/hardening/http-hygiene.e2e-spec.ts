import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { MetricsServer } from '../../apps/api/src/ops/metrics-server';
import { as } from '../factories/structure';
import { registerUser, TestUser } from '../factories/users';
import { registeredRoutes } from '../support/routes';
import { connected, refused } from '../support/sockets';
import { startTestApp, TestApp } from '../support/test-app';

const UNPREFIXED = new Set(['/health/live', '/health/ready', '/metrics']);

/** The headers of a page (helmet's), for an api whose PUBLIC_URL is plain http. */
function expectPageHeaders(headers: Record<string, string>, what: string) {
  const csp = headers['content-security-policy'] ?? '';
  expect({ what, csp: csp.split(';').sort() }).toEqual({
    what,
    csp: [
      "base-uri 'self'",
      "connect-src 'self' ws://localhost:3000",
      "default-src 'self'",
      "font-src 'self' data:",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "img-src 'self' data: https:",
      "object-src 'none'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
    ],
  });
  expectAlways(headers, what);
}

/** The headers of an API answer (never rendered: a policy that allows nothing). */
function expectApiHeaders(headers: Record<string, string>, what: string) {
  expect({ what, csp: headers['content-security-policy'] }).toEqual({
    what,
    csp: "default-src 'none'; frame-ancestors 'none'",
  });
  expect({ what, coop: headers['cross-origin-opener-policy'], referrer: headers['referrer-policy'] }).toEqual({
    what,
    referrer: 'no-referrer',
  });
  expectAlways(headers, what);
}

function expectAlways(headers: Record<string, string>, what: string) {
  expect({ what, nosniff: headers['x-content-type-options'], frame: headers['x-frame-options'] }).toEqual({
    what,
    nosniff: 'nosniff',
    frame: 'DENY',
  });
  expect({ what, hsts: headers['strict-transport-security'], poweredBy: headers['x-powered-by'] }).toEqual({ what });
}

describe('security headers', () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_URL: 'http://localhost:3000' } });
    user = await registerUser(t.http);
  });
  afterAll(() => t.close());

  it('are on the answer of every route, signed in or not', async () => {
    const routes = registeredRoutes(t.app);
    expect(routes.length).toBeGreaterThan(40);
    for (const route of routes) {
      const path = route.path.replace(/:[A-Za-z]+/g, randomUUID());
      const url = UNPREFIXED.has(route.path) ? path : `/api/v1${path}`;
      for (const signedIn of [false, true]) {
        const call = t.http[route.method.toLowerCase() as 'get'](url);
        const response = await (signedIn ? call.set(as(user)) : call);
        expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
          route: `${route.method} ${route.path}`,
          status: expect.any(Number),
        });
        expect(response.status).toBeLessThan(500);
        expectApiHeaders(response.headers, `${route.method} ${route.path} (${signedIn ? 'signed in' : 'anonymous'})`);
      }
    }
  });

  it('are on the web client, the API docs, unknown routes and the router’s own refusals', async () => {
    for (const path of ['/', '/spheres/anything', '/api/docs', '/api/docs/swagger-ui-init.js', '/api/docs-json']) {
      expectPageHeaders((await t.http.get(path)).headers, path);
    }
    expectApiHeaders((await t.http.get('/api/v1/nothing-here').expect(404)).headers, '/api/v1/nothing-here');
    const tooLong = await t.http.get(`/api/v1/spheres/${'x'.repeat(300)}`).expect(414);
    expectApiHeaders(tooLong.headers, '414');
    const docs = await t.http.get('/api/docs').expect(200);
    // Swagger UI loads its scripts from this origin: script-src 'self' lets it run
    expect(docs.text).toMatch(/<script src="[^"]*swagger-ui-init\.js">/);
    expect(docs.text).not.toMatch(/<script>[^<]/);
  });

  it('add HSTS, wss: and upgrade-insecure-requests when PUBLIC_URL is https', async () => {
    const tls = await startTestApp({ env: { PUBLIC_URL: 'https://intranet.example.org' } });
    try {
      const { headers } = await tls.http.get('/').expect(200);
      expect(headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(headers['content-security-policy']).toContain("connect-src 'self' wss://intranet.example.org");
      expect(headers['content-security-policy']).toContain('upgrade-insecure-requests');
      const probe = await tls.http.get('/health/live').expect(200);
      expect(probe.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await tls.close();
    }
  });
});

describe('/metrics', () => {
  it('is not served on the public port without METRICS_TOKEN', async () => {
    const t = await startTestApp();
    try {
      expect((await t.http.get('/metrics').expect(404)).body.type).toBe('not-found');
      await t.http.get('/metrics').set('authorization', 'Bearer anything-at-all-really').expect(404);
    } finally {
      await t.close();
    }
  });

  it('refuses an anonymous caller or a wrong token on the public port with METRICS_TOKEN', async () => {
    const t = await startTestApp({ env: { METRICS_TOKEN: 'the-right-metrics-token' } });
    try {
      expect((await t.http.get('/metrics').expect(401)).body.type).toBe('unauthenticated');
      await t.http.get('/metrics').set('authorization', 'Bearer the-wrong-metrics-token').expect(401);
      await t.http.get('/metrics').set('authorization', 'Basic the-right-metrics-token').expect(401);
      const scrape = await t.http.get('/metrics').set('authorization', 'Bearer the-right-metrics-token').expect(200);
      expect(scrape.text).toContain('http_request_duration_seconds');
    } finally {
      await t.close();
    }
  });

  it('is served, to anyone, on METRICS_PORT only', async () => {
    const t = await startTestApp({ env: { METRICS_PORT: '0' } });
    try {
      await t.http.get('/metrics').expect(404);
      const port = t.app.get(MetricsServer).port!;
      const scrape = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(scrape.status).toBe(200);
      const text = await scrape.text();
      expect(text).toContain('process_cpu_seconds_total');
      expect(text).not.toContain('nodejs_version_info');
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/me`)).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});

describe('Socket.IO origins', () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_URL: 'http://localhost:3000', CORS_ORIGINS: 'https://app.example.org' } });
    user = await registerUser(t.http);
  });
  afterAll(() => t.close());

  const socketFrom = (origin: string | undefined, transport: 'websocket' | 'polling') =>
    io(`${t.url}/realtime`, {
      auth: { token: user.accessToken },
      transports: [transport],
      extraHeaders: origin ? { origin } : {},
      reconnection: false,
      forceNew: true,
    });

  it.each(['websocket', 'polling'] as const)('refuses a page of another origin (%s)', async (transport) => {
    const socket = socketFrom('https://evil.example', transport);
    await refused(socket);
    socket.disconnect();
  });

  it.each([
    ['PUBLIC_URL', 'http://localhost:3000'],
    ['CORS_ORIGINS', 'https://app.example.org'],
    ['the host the api was reached at', undefined],
    ['no page (an app or a script)', ''],
  ])('lets in a page of %s', async (_from, origin) => {
    const socket = socketFrom(origin === undefined ? t.url : origin || undefined, 'websocket');
    await connected(socket);
    socket.disconnect();
  });

  it('answers CORS for listed origins only, never a reflected one', async () => {
    const handshake = '/socket.io/?EIO=4&transport=polling';
    const listed = await fetch(`${t.url}${handshake}`, { headers: { origin: 'https://app.example.org' } });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    const other = await fetch(`${t.url}${handshake}`, { headers: { origin: 'https://evil.example' } });
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
  });
});
