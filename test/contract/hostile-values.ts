import fc from 'fast-check';

/** A schema of the served OpenAPI document (3.0), as far as the fuzzer reads it. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
}

/** Strings that broke or could break a server: NUL, controls, bidi and zero-width, sizes, injections. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '%00',
  '\u202e\u202dreversed',
  'zero\u200bwidth\ufeff',
  '\u0007\u001b[31m',
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '{{constructor.constructor("return process")()}}',
  '__proto__',
  '😀'.repeat(50),
  'x'.repeat(5000),
  '0',
  '-1',
  '1e309',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
];

export const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('y'.repeat(100_000), `${'y'.repeat(50_000)}\u0000`) },
);

const hugeNumber = fc.constantFrom(
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER - 2,
  1e308,
  -1e308,
  2 ** 31,
  -(2 ** 31) - 1,
  0,
  -1,
  0.5,
);

/** Something of the wrong type: null, a number, an array or an object for a string, and so on. */
const wrongType = fc.oneof(
  fc.constant(null),
  fc.integer(),
  hugeNumber,
  fc.boolean(),
  hostileString,
  fc.array(fc.oneof(fc.integer(), hostileString), { maxLength: 3 }),
  fc.dictionary(hostileString, fc.oneof(fc.integer(), hostileString), { maxKeys: 3 }),
);

/** JSON text nested deeper than any body should be (kept as text: the value would be too deep to print). */
export const deepNestingText = fc
  .integer({ min: 50, max: 100_000 })
  .map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`);

export interface Resolver {
  resolve(schema: Schema): Schema;
}

interface Context {
  resolver: Resolver;
  /** Real ids of the world, and forged ones. */
  ids: fc.Arbitrary<string>;
}

const alnum = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'),
  minLength: 3,
  maxLength: 20,
});

/** A value that should pass validation: the schema's example, its format, what its name suggests. */
export function plausibleFor(schema: Schema, context: Context, name = '', depth = 0): fc.Arbitrary<unknown> {
  const s = context.resolver.resolve(schema);
  if (s.allOf) return plausibleFor(mergeAll(s.allOf, context.resolver), context, name, depth);
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'string':
      if (s.format === 'uuid') return context.ids;
      if (s.format === 'date-time') return fc.constant(new Date(Date.now() + 30 * 24 * 3600_000).toISOString());
      if (/email/i.test(name)) return fc.emailAddress();
      if (/password/i.test(name)) return alnum.map((x) => `${x}-long-enough-1`);
      if (/slug/i.test(name)) return alnum;
      return fc.oneof(alnum, fc.constant((s as { example?: string }).example ?? 'Hello'));
    case 'integer':
    case 'number':
      return fc.integer({ min: 1, max: 50 });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 3
        ? fc.constant([])
        : fc.array(plausibleFor(s.items ?? {}, context, name, depth + 1), { maxLength: 3 });
    default:
      if (!s.properties || depth > 3) return fc.constant({});
      return fc.record(
        Object.fromEntries(
          Object.entries(s.properties).map(([field, f]) => [field, plausibleFor(f, context, field, depth + 1)]),
        ),
      );
  }
}

/** A hostile value where `schema` is expected: hostile strings, NUL inside a plausible one, wrong types, huge numbers. */
export function hostileFor(schema: Schema, context: Context, name = ''): fc.Arbitrary<unknown> {
  const s = context.resolver.resolve(schema);
  if (s.type !== 'string') return fc.oneof(hostileString, wrongType, hugeNumber);
  const withNul = plausibleFor(s, context, name).map((v) => `${String(v)}\u0000${String(v)}`);
  return fc.oneof(hostileString, withNul, wrongType);
}

/**
 * A value for a schema: plausible (to get past the first checks), or plausible with one field made
 * hostile, or an unknown field added, or of the wrong type altogether.
 */
export function valueFor(schema: Schema, context: Context): fc.Arbitrary<unknown> {
  const s = context.resolver.resolve(schema);
  const plausible = plausibleFor(s, context);
  const fields = Object.entries(s.properties ?? {});
  if (fields.length === 0) return fc.oneof({ weight: 3, arbitrary: plausible }, hostileFor(s, context));
  const oneHostile = fc
    .constantFrom(...fields)
    .chain(([field, f]) => fc.tuple(plausible, fc.constant(field), hostileFor(f, context, field)))
    .map(([value, field, bad]) => ({ ...(value as object), [field]: bad }));
  const unknownField = fc
    .tuple(plausible, fc.constantFrom('__proto__', 'constructor', 'isAdmin', 'instanceRole', 'zzz'), wrongType)
    .map(([value, field, bad]) => ({ ...(value as object), [field]: bad }));
  return fc.oneof(
    { weight: 2, arbitrary: plausible },
    { weight: 6, arbitrary: oneHostile },
    { weight: 1, arbitrary: unknownField },
    { weight: 1, arbitrary: wrongType },
  );
}

function mergeAll(schemas: Schema[], resolver: Resolver): Schema {
  return schemas
    .map((s) => resolver.resolve(s))
    .reduce<Schema>((all, s) => ({ ...all, ...s, properties: { ...all.properties, ...s.properties } }), {});
}
