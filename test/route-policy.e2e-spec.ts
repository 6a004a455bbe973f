import { registeredRoutes } from './support/routes';
import { startTestApp, TestApp } from './support/test-app';

describe('every route declares its access rule', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('finds the routes of every context', () => {
    const paths = registeredRoutes(t.app).map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(
      expect.arrayContaining(['POST /auth/login', 'GET /me', 'GET /health/ready', 'GET /admin/jobs']),
    );
  });

  it('has @Policy or @Public on each route, never both', () => {
    const routes = registeredRoutes(t.app);
    const missing = routes.filter((r) => !r.policy && !r.isPublic).map((r) => `${r.controller}.${r.handler}`);
    const both = routes.filter((r) => r.policy && r.isPublic).map((r) => `${r.controller}.${r.handler}`);
    expect(missing).toEqual([]);
    expect(both).toEqual([]);
  });
});
