import { ValidationPipe } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { registeredRoutes } from './support/routes';
import { startTestApp, TestApp } from './support/test-app';

const VALIDATED = new Set([RouteParamtypes.BODY, RouteParamtypes.QUERY, RouteParamtypes.PARAM].map(String));

describe('every route declares its access rule and validates its input', () => {
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

  /*
   * Validation is bound to each body, query and path parameter (Body, Query, Param from @alveole/core), not
   * global: a parameter declared with Nest's own decorator would reach its handler unvalidated.
   */
  it('runs the validation pipe first on every body, query and path parameter of every route', () => {
    const checked = registeredRoutes(t.app).flatMap((r) =>
      r.args.filter((arg) => VALIDATED.has(arg.type)).map((arg) => ({ route: r, arg })),
    );
    const unvalidated = checked
      .filter(({ arg }) => !(arg.pipes[0] instanceof ValidationPipe))
      .map(({ route, arg }) => `${route.controller}.${route.handler} argument ${arg.index}`);
    expect(checked.length).toBeGreaterThan(100);
    expect(unvalidated).toEqual([]);
  });
});
