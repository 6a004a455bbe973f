import type { FastifyReply, FastifyRequest } from 'fastify';
import { referenceServer, UUID } from './reference-server';

/*
 * The reference for bench:access: the least code that answers what the app's
 * GET /api/v1/organisations/:orgId/spheres answers. It verifies the HS256 access token (a KeyObject built
 * once, as the app does), then runs ONE query: the visibility rule of the app (AbilityFactory `read` on
 * spheres, as SQL in SpheresRepository.listVisible) computed from the caller's rows inside the database,
 * with the same keyset pagination (path > cursor, ORDER BY path, limit + 1) and the same JSON
 * (the app's toSphere mapping, `{ items, nextCursor }`, base64url-JSON cursor). Same Fastify, pg,
 * jsonwebtoken and pool size as the app; no Nest, no ORM, no validation layer, no response schema.
 *
 * The rule, for the caller and the organisation:
 *   - every sphere, if they hold an unscoped organisation role there or are the instance admin;
 *   - public and private spheres, if they belong to the organisation (organisation_members);
 *   - the subtrees of their scoped organisation roles (path prefix), revoked/expired roles excluded;
 *   - the spheres they have a membership in, any status but banned, expired memberships excluded.
 * A caller who may not see the organisation at all gets an empty list here (the app answers 404):
 * the bench only lists as a caller who may.
 */

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

const { server, pool, authenticatedUserId, listen } = referenceServer();

/**
 * $1 caller, $2 organisation, $3 limit + 1, $4 the path after which the page starts (when a cursor is given).
 * The caller's rights are uncorrelated sub-selects: evaluated once per query, not once per sphere row (the
 * memberships as a hashed sub-plan). An unscoped organisation role becomes the prefix '%', which matches
 * every path. A caller whose user row is gone sees nothing (the app's verifier loads the user too).
 * Plain columns, as TypeORM selects them: `archived` is derived in JS, as the app's mapper does.
 */
const listSql = (afterCursor: boolean) => `
  SELECT s.id, s.organisation_id AS "organisationId", s.parent_id AS "parentId", s.path, s.depth, s.name, s.slug,
         s.description, s.kind, s.territory_code AS "territoryCode", s.visibility, s.posting_policy AS "postingPolicy",
         s.moderation_mode AS "moderationMode", s.history_visible_to_newcomers AS "historyVisibleToNewcomers",
         s.charter_addendum AS "charterAddendum", s.archived_at AS "archivedAt", s.created_at AS "createdAt"
    FROM spheres s
   WHERE s.organisation_id = $2${afterCursor ? ' AND s.path COLLATE "C" > $4' : ''}
     AND EXISTS (SELECT 1 FROM users WHERE id = $1)
     AND ((SELECT instance_role IS NOT DISTINCT FROM 'instance_admin' FROM users WHERE id = $1)
          OR (s.visibility IN ('public', 'private')
              AND EXISTS (SELECT 1 FROM organisation_members om WHERE om.organisation_id = $2 AND om.user_id = $1))
          OR s.path COLLATE "C" LIKE ANY (ARRAY (
               SELECT coalesce(scope.path, '') || '%'
                 FROM role_assignments r LEFT JOIN spheres scope ON scope.id = r.scope_sphere_id
                WHERE r.user_id = $1 AND r.organisation_id = $2 AND r.revoked_at IS NULL
                  AND (r.expires_at IS NULL OR r.expires_at > now())))
          OR s.id IN (SELECT m.sphere_id FROM memberships m
                       WHERE m.user_id = $1 AND m.organisation_id = $2 AND m.status <> 'banned'
                         AND (m.expires_at IS NULL OR m.expires_at > now())))
   ORDER BY s.path COLLATE "C"
   LIMIT $3`;
const FIRST_PAGE = listSql(false);
const NEXT_PAGE = listSql(true);

interface SphereRow {
  id: string;
  organisationId: string;
  parentId: string | null;
  path: string;
  depth: number;
  name: string;
  slug: string;
  description: string;
  kind: string;
  territoryCode: string | null;
  visibility: string;
  postingPolicy: string;
  moderationMode: string;
  historyVisibleToNewcomers: boolean;
  charterAddendum: string | null;
  archivedAt: Date | null;
  createdAt: Date;
}

interface ListQuery {
  limit?: string;
  cursor?: string;
}

server.get(
  '/api/v1/organisations/:orgId/spheres',
  async (request: FastifyRequest<{ Params: { orgId: string }; Querystring: ListQuery }>, reply: FastifyReply) => {
    const userId = authenticatedUserId(request.headers.authorization);
    if (!userId) return reply.code(401).send({ status: 401, title: 'Unauthorized' });
    const { orgId } = request.params;
    if (!UUID.test(orgId)) return reply.code(404).send({ status: 404, title: 'Not Found' });
    const limit = request.query.limit === undefined ? DEFAULT_LIMIT : Number(request.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      return reply.code(400).send({ status: 400, title: 'Bad Request' });
    }
    const afterPath = request.query.cursor === undefined ? null : decodeCursor(request.query.cursor);
    if (afterPath === undefined) return reply.code(400).send({ status: 400, title: 'Bad Request' });

    const { rows } =
      afterPath === null
        ? await pool.query<SphereRow>(FIRST_PAGE, [userId, orgId, limit + 1])
        : await pool.query<SphereRow>(NEXT_PAGE, [userId, orgId, limit + 1, afterPath]);
    const items = rows.slice(0, limit).map(toSphere);
    return {
      items,
      nextCursor:
        rows.length > limit
          ? Buffer.from(JSON.stringify({ path: items[items.length - 1].path })).toString('base64url')
          : null,
    };
  },
);

/** The app's toSphere: the same keys in the same order. */
function toSphere(s: SphereRow) {
  return {
    id: s.id,
    organisationId: s.organisationId,
    parentId: s.parentId,
    path: s.path,
    depth: s.depth,
    name: s.name,
    slug: s.slug,
    description: s.description,
    kind: s.kind,
    territoryCode: s.territoryCode,
    visibility: s.visibility,
    postingPolicy: s.postingPolicy,
    moderationMode: s.moderationMode,
    historyVisibleToNewcomers: s.historyVisibleToNewcomers,
    charterAddendum: s.charterAddendum,
    archived: s.archivedAt !== null,
    archivedAt: s.archivedAt,
    createdAt: s.createdAt,
  };
}

/** The path inside a cursor, or undefined when the cursor is not one of ours. */
function decodeCursor(cursor: string): string | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { path?: unknown };
    return typeof value?.path === 'string' ? value.path : undefined;
  } catch {
    return undefined;
  }
}

listen();
