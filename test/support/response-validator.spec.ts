import { RecordedResponse, ResponseValidator } from './response-validator';

const json = 'application/json; charset=utf-8';
const problem = {
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemResponse' } } },
};
const document = {
  paths: {
    '/api/v1/spheres/{sphereId}': {
      get: {
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Sphere' } } } },
          '4XX': problem,
        },
      },
      delete: { responses: { '204': { description: 'gone' }, default: problem } },
    },
  },
  components: {
    schemas: {
      Sphere: {
        type: 'object',
        required: ['id', 'parentId', 'createdAt'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          parentId: { type: 'string', nullable: true },
          createdAt: { type: 'string', format: 'date-time' },
          owner: { nullable: true, type: 'object', allOf: [{ $ref: '#/components/schemas/Owner' }] },
        },
      },
      Owner: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
      ProblemResponse: {
        type: 'object',
        required: ['type', 'title', 'status', 'detail'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'number' },
          detail: { type: 'string' },
          instance: { type: 'string' },
        },
      },
    },
  },
};

const sphere = { id: '0190a8e2-0000-7000-8000-000000000000', parentId: null, createdAt: '2025-01-01T00:00:00.000Z' };
const notFound = { type: 'not-found', title: 'Not Found', status: 404, detail: 'Sphere not found' };

function answer(overrides: Partial<RecordedResponse> & { json?: unknown }): RecordedResponse {
  const { json: body, ...rest } = overrides;
  return {
    method: 'GET',
    route: '/api/v1/spheres/:sphereId',
    status: 200,
    contentType: json,
    body: JSON.stringify(body ?? sphere),
    ...rest,
  };
}

describe('ResponseValidator', () => {
  const sut = new ResponseValidator(document);

  it('accepts answers that match the document, nullable fields and status ranges included', () => {
    expect(sut.check(answer({}))).toBeUndefined();
    expect(sut.check(answer({ json: { ...sphere, parentId: 'p', owner: { id: 'u' } } }))).toBeUndefined();
    expect(sut.check(answer({ json: { ...sphere, owner: null } }))).toBeUndefined();
    const problemType = 'application/problem+json; charset=utf-8';
    expect(sut.check(answer({ status: 404, contentType: problemType, json: notFound }))).toBeUndefined();
    expect(sut.check(answer({ method: 'DELETE', status: 204, contentType: undefined, body: '' }))).toBeUndefined();
    expect(
      sut.check(answer({ method: 'DELETE', status: 409, contentType: problemType, json: notFound })),
    ).toBeUndefined();
  });

  it('catches a body that breaks its schema: wrong type, missing field, undeclared field, bad format', () => {
    expect(sut.check(answer({ json: { ...sphere, parentId: 3 } }))).toMatch(/\/parentId must be string/);
    expect(sut.check(answer({ json: { id: sphere.id, parentId: null } }))).toMatch(
      /must have required property 'createdAt'/,
    );
    expect(sut.check(answer({ json: { ...sphere, secret: 'x' } }))).toMatch(/additional properties \(secret\)/);
    expect(sut.check(answer({ json: { ...sphere, id: 'not-a-uuid' } }))).toMatch(/\/id must match format "uuid"/);
    expect(sut.check(answer({ json: { ...sphere, owner: { id: 'u', extra: 1 } } }))).toMatch(/owner/);
  });

  it('catches an undeclared status, content type, operation or body', () => {
    expect(sut.check(answer({ status: 201 }))).toMatch(/status not declared \(declared: 200, 4XX\)/);
    expect(sut.check(answer({ contentType: 'text/html' }))).toMatch(/content type not declared/);
    expect(sut.check(answer({ method: 'PUT' }))).toBe('operation missing from the document');
    expect(sut.check(answer({ method: 'DELETE', status: 204, body: 'x' }))).toMatch(/no(ne)? is declared/);
    expect(sut.check(answer({ body: '<html>' }))).toBe('the body is not JSON');
  });

  it('wants unmatched requests answered 404 or 405 as problems', () => {
    const unmatched = { route: undefined, contentType: 'application/problem+json' };
    expect(sut.check(answer({ ...unmatched, status: 404, json: notFound }))).toBeUndefined();
    expect(sut.check(answer({ ...unmatched, status: 200, json: notFound }))).toMatch(/404 or 405/);
    expect(sut.check(answer({ ...unmatched, status: 405, json: { type: 'x' } }))).toMatch(/required property/);
  });

  it('lists distinct violations once, with a count', () => {
    const bad = answer({ status: 201 });
    expect(sut.violations([bad, bad, answer({})])).toEqual([
      `GET /api/v1/spheres/:sphereId → 201 ${json}: status not declared (declared: 200, 4XX) (×2)`,
    ]);
  });
});
