import { INestApplication } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PUBLIC } from '@alveole/access';

const TAGS: [string, string][] = [
  ['identity', 'Accounts, sessions and the signed-in user'],
  ['organisations', 'Organisations, their roles, sphere requests and audit log'],
  ['spheres', 'Spheres, members, join requests and invitations'],
  ['charters', 'Organisation charters and their acceptance'],
  ['feeds', 'Posting, sphere and home feeds, search'],
  ['posts', 'One post: edits, moderation, comments, reactions'],
  ['instance', 'The instance brand and background jobs'],
  ['operations', 'Probes and metrics for the platform (outside /api/v1)'],
];

/**
 * The OpenAPI document of the api, served at /api/docs-json and linted by `npm run lint:openapi`.
 * Security comes from the access rules themselves: `@Public()` routes declare none, every other
 * route the bearer token, so the document cannot drift from what the policy guard enforces.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Alveole API')
    .setDescription(
      'Collaborative intranet for networks of organisations. Lists are `{ items, nextCursor }` pages ' +
        '(`?limit=` 1–100, `?cursor=`); errors are `application/problem+json` (RFC 9457) with a stable `type`.',
    )
    .setVersion('1')
    .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
    .addServer('/', 'this instance')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer');
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build());
  const publicOperations = publicOperationIds(app);
  for (const pathItem of Object.values(document.paths)) {
    for (const operation of Object.values(pathItem)) {
      if (typeof operation !== 'object' || !operation || !('responses' in operation)) continue;
      operation.security = publicOperations.has(operation.operationId) ? [] : [{ bearer: [] }];
    }
  }
  return document;
}

/** `Controller_method` (the explorer's default operation ids) of every `@Public()` handler. */
function publicOperationIds(app: INestApplication): Set<string> {
  const reflector = app.get(Reflector);
  const ids = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type) continue;
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        if (reflector.getAllAndOverride<boolean>(PUBLIC, [handler, type])) ids.add(`${type.name}_${name}`);
      }
    }
  }
  return ids;
}
