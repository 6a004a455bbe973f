import { registeredRoutes } from '../support/routes';
import { startTestApp, TestApp } from '../support/test-app';
import { MATRIX } from './matrix';
import { buildWorld, headersFor, PRINCIPALS, World } from './principals';

/**
 * DESIGN.md §3: every route against every principal, with the status a user would get.
 * Fails when a registered route is missing from MATRIX (matrix.ts): later routes must add a row.
 */
describe('authorisation matrix', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '100000', REPORTS_MAX_PER_HOUR: '100000' } });
    world = await buildWorld(t);
  }, 60_000);
  afterAll(() => t.close());

  it('has a row for every registered route, and no row for a route that does not exist', () => {
    const registered = registeredRoutes(t.app)
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    const covered = MATRIX.map((row) => row.route).sort();
    expect(registered.filter((route) => !covered.includes(route))).toEqual([]);
    expect(covered.filter((route) => !registered.includes(route))).toEqual([]);
  });

  for (const row of MATRIX) {
    it(`${row.route}`, async () => {
      const [method] = row.route.split(' ');
      const got: Record<string, number> = {};
      for (const principal of PRINCIPALS) {
        const { path, body, file, headers } = await row.prepare(world);
        const url = path.startsWith('/health') || path === '/metrics' ? path : `/api/v1${path}`;
        let call = t.http[method.toLowerCase() as 'get'](url).set({ ...headersFor(world, principal), ...headers });
        if (body !== undefined) call = call.send(body as object);
        if (file) call = call.attach(file.field, file.bytes, { filename: file.name, contentType: file.type });
        got[principal] = (await call).status;
        await row.cleanup?.(world);
      }
      expect(got).toEqual(row.expected);
    }, 60_000);
  }
});
