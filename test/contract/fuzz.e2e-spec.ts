import fc from 'fast-check';
import { createPost } from '../factories/content';
import { as, createOrganisation, createSphere, instanceAdmin, putMember, registerUser } from '../factories/structure';
import { startTestApp, TestApp } from '../support/test-app';
import { deepNestingText, hostileFor, hostileString, plausibleFor, Resolver, Schema, valueFor } from './hostile-values';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/**
 * Every operation of the served OpenAPI document, called with generated hostile input (wrong types,
 * empty, huge, NUL, control, bidi and zero-width strings, forged ids, deep nesting, unknown fields) by an
 * anonymous caller, a member and the instance admin: nothing may answer 5xx.
 * FUZZ_RUNS sets the number of requests (default 5,000), FUZZ_SEED replays a run (the seed is printed).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe('fuzzing every route of the OpenAPI document', () => {
  let t: TestApp;
  let document: Document;
  let ids: string[];
  let bearers: (string | null)[];
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '100000' } });
    document = (await t.http.get('/api/docs-json').expect(200)).body as Document;
    const admin = await instanceAdmin(t);
    const member = await registerUser(t.http);
    const org = await createOrganisation(t, admin);
    const sphere = await createSphere(t, admin, org.id, { visibility: 'private' });
    await putMember(t, admin, sphere.id, member.id, 'member');
    const post = await createPost(t, member, sphere.id);
    ids = [org.id, sphere.id, post.id, member.id, admin.id, '01a2012e-0000-7000-8000-00000000dead'];
    bearers = [null, as(member).authorization, as(admin).authorization];
  });
  afterAll(() => t.close());

  const resolver: Resolver = {
    resolve: (schema) => {
      let current = schema;
      while (current.$ref) current = document.components.schemas[current.$ref.split('/').pop()!];
      return current;
    },
  };

  /**
   * One request of an operation. Each request makes one part hostile (a path id, one query parameter or the
   * body) and the rest plausible, so the hostile value gets past the other checks and reaches the code
   * behind them (with every part hostile at once, most requests stopped at the first 422).
   */
  function requestFor(path: string, method: string, operation: Operation) {
    const knownId = fc.constantFrom(...ids);
    const context = { resolver, ids: knownId };
    const parameters = operation.parameters ?? [];
    const pathParameters = parameters.filter((p) => p.in === 'path');
    const queryParameters = parameters.filter((p) => p.in === 'query');
    const schema = operation.requestBody?.content?.['application/json']?.schema;
    const targets = [
      'none',
      ...pathParameters.map((p) => `path:${p.name}`),
      ...queryParameters.map((p) => `query:${p.name}`),
      ...(schema ? ['body'] : []),
    ];
    return fc
      .constantFrom(...targets)
      .chain((target) =>
        fc.record({
          principal: fc.nat(2),
          pathValues: fc.tuple(...pathParameters.map((p) => (target === `path:${p.name}` ? hostileString : knownId))),
          query: fc.record(
            Object.fromEntries(
              queryParameters.map((p) => [
                p.name,
                target === `query:${p.name}`
                  ? hostileFor(p.schema ?? {}, context, p.name)
                  : plausibleFor(p.schema ?? {}, context, p.name),
              ]),
            ),
            { requiredKeys: [] },
          ),
          body: !schema
            ? fc.constant(undefined)
            : target !== 'body'
              ? plausibleFor(schema, context).map((value) => JSON.stringify(value))
              : fc.oneof(
                  { weight: 8, arbitrary: valueFor(schema, context).map((value) => JSON.stringify(value) ?? 'null') },
                  { weight: 1, arbitrary: deepNestingText },
                ),
        }),
      )
      .map((input) => {
        let index = 0;
        const url = path.replace(/\{\w+\}/g, () => encodeURIComponent(String(input.pathValues[index++])));
        return { method, url, ...input };
      });
  }

  it(`answers ${RUNS} hostile requests without a 5xx`, async () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => requestFor(path, method, operation)),
    );
    console.log(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
    const served: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(fc.oneof(...operations), async (request) => {
        let call = t.http[request.method as 'get'](request.url).query(stringified(request.query));
        const bearer = bearers[request.principal];
        if (bearer) call = call.set('authorization', bearer);
        if (request.body !== undefined)
          call = call.set('content-type', 'application/json').send(JSON.stringify(request.body));
        const response = await call;
        served[response.status] = (served[response.status] ?? 0) + 1;
        if (response.status >= 500)
          throw new Error(
            `${request.method.toUpperCase()} ${request.url} → ${response.status} ${response.text.slice(0, 300)}`,
          );
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // the run reached past validation: some requests succeeded, some were refused for their input
    expect(Object.keys(served).some((status) => status.startsWith('2'))).toBe(true);
    expect(served['422'] ?? 0).toBeGreaterThan(0);
  }, 900_000);
});

function stringified(query: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]),
  );
}
