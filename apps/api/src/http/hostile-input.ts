import type { Server } from 'node:http';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { HttpStatus } from '@nestjs/common';
import { AppException, FieldError } from '@alveole/core';

/** Deeper than any of our bodies (a few levels) and far below what recursion in validation survives. */
export const MAX_JSON_DEPTH = 32;

/**
 * JSON bodies are measured before they are parsed: a body nested deeper than MAX_JSON_DEPTH is
 * refused (400) before a parser or validator recurses into it. Parsing is then Fastify's own
 * (secure-json-parse: `__proto__` and `constructor.prototype` refused).
 */
export function limitJsonDepth(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<Server>('application/json', { bodyLimit }, (request, body, done) => {
    const text = body.toString('utf8');
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
      done(
        new AppException(
          HttpStatus.BAD_REQUEST,
          'malformed-request',
          `JSON nests deeper than ${MAX_JSON_DEPTH} levels`,
        ),
        undefined,
      );
      return;
    }
    void parse(request, text, done);
  });
}

/** One pass over the text, outside strings: does `[`/`{` nesting exceed `max`? */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return false;
}

/**
 * PostgreSQL refuses NUL in text (and jsonb): any string of the body, query or path that holds one
 * is refused here, once for every route (422), instead of failing in the database (500).
 */
export function refuseNulCharacters(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preValidation', (request: FastifyRequest, _reply, done) => {
      // the common case (no NUL anywhere) allocates nothing; the fields are named only when one is found
      if (!holdsNul(request.body) && !holdsNul(request.query) && !holdsNul(request.params)) return done();
      const errors = [
        ...fieldsWithNul(request.body, ''),
        ...fieldsWithNul(request.query, 'query.'),
        ...fieldsWithNul(request.params, 'path.'),
      ];
      done(AppException.validation(errors));
    });
}

/** Whether a NUL is in any string or key; recursion is bounded by MAX_JSON_DEPTH (bodies) or flat (query, path). */
export function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return false;
  if (Array.isArray(value)) return value.some(holdsNul);
  for (const key in value) {
    if (Object.hasOwn(value, key) && (key.includes('\u0000') || holdsNul((value as Record<string, unknown>)[key])))
      return true;
  }
  return false;
}

function fieldsWithNul(value: unknown, prefix: string): FieldError[] {
  const found: FieldError[] = [];
  // iterative, so a (depth-limited) body never costs stack
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [item, path] = stack.pop()!;
    if (typeof item === 'string') {
      if (item.includes('\u0000'))
        found.push({ field: `${prefix}${path || 'body'}`, message: 'must not contain NUL characters' });
    } else if (item !== null && typeof item === 'object' && !ArrayBuffer.isView(item)) {
      for (const [key, child] of Object.entries(item)) {
        if (key.includes('\u0000'))
          found.push({ field: `${prefix}${path}`, message: 'keys must not contain NUL characters' });
        stack.push([child, path ? `${path}.${key}` : key]);
      }
    }
  }
  return found;
}
