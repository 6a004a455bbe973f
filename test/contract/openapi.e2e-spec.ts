import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openApiDocument } from '../../scripts/openapi';
import { registeredRoutes, RegisteredRoute } from '../support/routes';
import { startTestApp, TestApp } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');
const PROBLEM_SCHEMA = /^#\/components\/schemas\/\w*ProblemResponse$/;

interface Operation {
  summary?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string; type?: string } }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let document: Document;
  let routes: (RegisteredRoute & { operation: Operation | undefined; documentPath: string })[];
  beforeAll(async () => {
    t = await startTestApp();
    document = (await t.http.get('/api/docs-json').expect(200)).body as Document;
    routes = registeredRoutes(t.app).map((route) => {
      const prefixed = /^\/(health|metrics)/.test(route.path) ? route.path : `/api/v1${route.path}`;
      const documentPath = prefixed.replace(/:(\w+)/g, '{$1}');
      return { ...route, documentPath, operation: document.paths[documentPath]?.[route.method.toLowerCase()] };
    });
  });
  afterAll(() => t.close());

  it('passes Redocly’s recommended rules with 0 errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alveole-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(document));
      const cli = join(ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
      const args = [cli, 'lint', file, '--format=json', `--config=${join(ROOT, 'redocly.yaml')}`];
      // lint exits 1 when it finds errors: read its report either way
      const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: ROOT }).catch(
        (error: { stdout: string }) => error,
      );
      const report = JSON.parse(stdout) as {
        totals: { errors: number };
        problems: { ruleId: string; severity: string; location: { pointer: string }[] }[];
      };
      const errors = report.problems
        .filter((p) => p.severity === 'error')
        .map((p) => `${p.ruleId} at ${p.location[0]?.pointer}`);
      expect(errors).toEqual([]);
      expect(report.totals.errors).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists every route the app serves, each with a summary', () => {
    expect(routes.length).toBeGreaterThan(50);
    expect(routes.filter((r) => !r.operation).map((r) => `${r.method} ${r.documentPath}`)).toEqual([]);
    expect(routes.filter((r) => !r.operation?.summary?.trim()).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('declares the status each handler answers with, and a response schema for it', () => {
    const wrong = routes.flatMap((route) => {
      const status = String(route.httpCode ?? (route.method === 'POST' ? 201 : 200));
      const declared = route.operation?.responses[status];
      if (!declared) return [`${route.method} ${route.path}: ${status} not declared`];
      if (status === '204') return declared.content ? [`${route.method} ${route.path}: 204 with a body`] : [];
      const schemas = Object.values(declared.content ?? {}).map((media) => media.schema);
      const typed = schemas.length > 0 && schemas.every((schema) => schema?.$ref || schema?.type);
      return typed ? [] : [`${route.method} ${route.path}: ${status} has no schema`];
    });
    expect(wrong).toEqual([]);
  });

  it('declares every error as the problem+json schema', () => {
    const wrong = routes.flatMap((route) =>
      Object.entries(route.operation?.responses ?? {})
        .filter(([status]) => Number(status) >= 400)
        .filter(([, response]) => {
          const schemas = Object.entries(response.content ?? {});
          return (
            schemas.length !== 1 ||
            schemas[0][0] !== 'application/problem+json' ||
            !PROBLEM_SCHEMA.test(schemas[0][1].schema?.$ref ?? '')
          );
        })
        .map(([status]) => `${route.method} ${route.path} ${status}`),
    );
    expect(wrong).toEqual([]);
  });

  it('asks for the bearer token exactly where the policy guard does', () => {
    const wrong = routes
      .filter((route) => {
        const security = JSON.stringify(route.operation?.security);
        return route.isPublic ? security !== '[]' : security !== '[{"bearer":[]}]';
      })
      .map((route) => `${route.method} ${route.path}`);
    expect(wrong).toEqual([]);
  });

  it('is what `npm run lint:openapi` lints, built without a database', async () => {
    expect(JSON.parse(JSON.stringify(await openApiDocument()))).toEqual(document);
  });
});
