import { io } from 'socket.io-client';
import { createWorker } from '../apps/worker/src/create-worker';
import { registerUser } from './factories/users';
import { eventually } from './support/processes';
import { startTestApp, TestApp } from './support/test-app';

const METRICS_TOKEN = 'metrics-token-for-the-tests';

describe('health, metrics and OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { METRICS_TOKEN } });
  });
  afterAll(() => t.close());

  it('is live and ready with database and Redis up', async () => {
    await t.http.get('/health/live').expect(200, { status: 'ok' });
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body.details).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('exposes Prometheus metrics: latency histogram, outbox backlog, queue depth, connected sockets', async () => {
    const user = await registerUser(t.http);
    const socket = io(`${t.url}/realtime`, { auth: { token: user.accessToken }, transports: ['websocket'] });
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', resolve);
      socket.on('connect_error', reject);
    });
    const metrics = await t.http.get('/metrics').set('authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    socket.disconnect();
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/auth\/register"/);
    // the registration wrote one outbox row and no worker runs in this test
    expect(metrics.text).toMatch(/^outbox_backlog 1$/m);
    expect(metrics.text).toMatch(/^realtime_sockets_connected 1$/m);
    // the exact Node version is not published
    expect(metrics.text).not.toContain('nodejs_version_info');
    expect(metrics.text).not.toContain(process.version);
  });

  it('reports the depth of the queues a worker created, and the backlog it relayed', async () => {
    const worker = await createWorker(t.config);
    try {
      const relayed = await eventually(
        async () => {
          const text = (await t.http.get('/metrics').set('authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;
          return /^outbox_backlog 0$/m.test(text) ? text : undefined;
        },
        20_000,
        'the worker to relay the backlog',
      );
      expect(relayed).toMatch(/^queue_depth\{queue="identity",state="waiting"\} \d+$/m);
    } finally {
      await worker.close();
    }
  });

  it('serves the OpenAPI document with the identity routes', async () => {
    const doc = await t.http.get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/register',
        '/api/v1/auth/login',
        '/api/v1/auth/refresh',
        '/api/v1/auth/logout',
        '/api/v1/me',
      ]),
    );
  });
});

describe('readiness with Redis down', () => {
  let t: TestApp;
  beforeAll(async () => {
    // nothing listens on this port: Redis is "down" for this app
    t = await startTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
  });
  afterAll(() => t.close());

  it('answers 503 problem+json naming the failing dependency, while liveness stays 200', async () => {
    await t.http.get('/health/live').expect(200);
    const ready = await t.http.get('/health/ready').expect(503);
    expect(ready.headers['content-type']).toContain('application/problem+json');
    expect(ready.body).toMatchObject({
      type: 'service-unavailable',
      checks: { database: { status: 'up' }, redis: { status: 'down' } },
    });
  });
});
