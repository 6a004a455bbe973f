import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** One answer the test app sent, as recorded by `recordResponses`. */
export interface RecordedResponse {
  method: string;
  /** Fastify's route template (`/api/v1/spheres/:sphereId`), undefined when no route matched. */
  route: string | undefined;
  /** The request's path, without its query. */
  path?: string;
  status: number;
  contentType: string | undefined;
  body: string;
}

type Json = Record<string, unknown>;
interface OpenApiResponse {
  description?: string;
  content?: Record<string, { schema?: unknown }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, OpenApiResponse> }>>;
  components?: { schemas?: Record<string, unknown> };
}

/** GETs outside the api's own paths are the web client's (its files or its SPA page), not the API's. */
function servedByWebClient(path: string | undefined): boolean {
  if (path === undefined) return false;
  return !['/api', '/socket.io', '/health', '/metrics'].some((p) => path === p || path.startsWith(`${p}/`));
}

const PROBLEM_REF = { $ref: '#/components/schemas/ProblemResponse' };

/**
 * Checks real answers against the OpenAPI document: the operation exists, the status is declared
 * (exactly, as `4XX`, or `default`), so is the content type, and the body matches its schema.
 * Objects are closed (no undeclared fields), so a mapper that leaks a field is caught too.
 */
export class ResponseValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'openapi', components: { schemas: toJsonSchemas(document.components?.schemas ?? {}) } });
  }

  /** One readable line per distinct violation, with how often it happened. */
  violations(responses: RecordedResponse[]): string[] {
    const counts = new Map<string, number>();
    for (const response of responses) {
      const problem = this.check(response);
      if (!problem) continue;
      const line = `${response.method} ${response.route ?? '(no route)'} → ${response.status} ${response.contentType ?? '-'}: ${problem}`;
      counts.set(line, (counts.get(line) ?? 0) + 1);
    }
    return [...counts].map(([line, n]) => (n > 1 ? `${line} (×${n})` : line));
  }

  check(response: RecordedResponse): string | undefined {
    if (response.method === 'HEAD' || response.route?.startsWith('/api/docs')) return undefined;
    if (response.route === undefined) return this.checkUnmatched(response);
    const path = response.route.replace(/:(\w+)/g, '{$1}');
    const operation = this.document.paths[path]?.[response.method.toLowerCase()];
    if (!operation) return 'operation missing from the document';
    const responses = operation.responses ?? {};
    const key = [String(response.status), `${String(response.status)[0]}XX`, 'default'].find((k) => responses[k]);
    if (!key) return `status not declared (declared: ${Object.keys(responses).join(', ')})`;
    return this.checkBody(`${path} ${response.method} ${key}`, responses[key], response);
  }

  /** No route matched: a 404, or 405 for a known path, as a problem. */
  private checkUnmatched(response: RecordedResponse): string | undefined {
    if (response.method === 'GET' && servedByWebClient(response.path)) return undefined;
    if (response.status !== 404 && response.status !== 405) return 'an unknown route must answer 404 or 405';
    const problem = { content: { 'application/problem+json': { schema: PROBLEM_REF } } };
    return this.checkBody('unmatched', problem, response);
  }

  private checkBody(key: string, declared: OpenApiResponse, response: RecordedResponse): string | undefined {
    const content = declared.content ?? {};
    if (Object.keys(content).length === 0) {
      return response.body.length > 0 ? 'a body was sent where none is declared' : undefined;
    }
    const mediaType = response.contentType?.split(';')[0].trim().toLowerCase() ?? '';
    const media = content[mediaType] ?? content['*/*'];
    if (!media) return `content type not declared (declared: ${Object.keys(content).join(', ')})`;
    if (media.schema === undefined) return undefined;
    let body: unknown = response.body;
    if (mediaType.endsWith('json')) {
      try {
        body = JSON.parse(response.body);
      } catch {
        return 'the body is not JSON';
      }
    }
    const validate = this.validator(`${key} ${mediaType}`, media.schema);
    if (validate(body)) return undefined;
    return (validate.errors ?? [])
      .slice(0, 3)
      .map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}${extra(e.params)}`)
      .join('; ');
  }

  private validator(key: string, schema: unknown): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as Json);
      this.validators.set(key, validate);
    }
    return validate;
  }
}

function extra(params: Record<string, unknown>): string {
  if (typeof params.additionalProperty === 'string') return ` (${params.additionalProperty})`;
  if (Array.isArray(params.allowedValues)) return ` (${params.allowedValues.join(', ')})`;
  return '';
}

function toJsonSchemas(schemas: Record<string, unknown>): Json {
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, toJsonSchema(schema)]));
}

/**
 * An OpenAPI 3.0 schema as JSON Schema: `nullable: true` becomes "or null", references point into
 * the registered document, and objects without `additionalProperties` are closed.
 */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const source = schema as Json;
  const out: Json = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'nullable' || key === 'example' || key === 'examples') continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace(/^#\//, 'openapi#/');
    else if (key === 'properties') out.properties = toJsonSchemas(value as Record<string, unknown>);
    else out[key] = toJsonSchema(value);
  }
  const composed = ['allOf', 'anyOf', 'oneOf', '$ref'].some((key) => key in out);
  if (out.properties && !composed && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return source.nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}
