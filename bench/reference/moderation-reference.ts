import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ORG_QUEUE_SQL,
  pathRanges,
  SCOPE_QUEUE_SQL,
  SPHERE_QUEUE_SQL,
} from '../../libs/moderation/src/case-queue.statements';
import { CALLER_SQL } from '../../libs/structure/src/access-profile.sql';
import { referenceServer, UUID } from './reference-server';

/*
 * The reference for bench:moderation: the least code answering what the app's two queue routes answer,
 * with the same round trips as the app (the user with their access profile, the sphere or the organisation,
 * then the page) under the app's statement names and with the very same queue SQL (case-queue.statements.ts),
 * the rules as a few lines of JS on the profile, the app's JSON (toCaseResponse, base64url cursor).
 * Same Fastify, pg, jsonwebtoken and pool size; no Nest, no CASL, no validation layer.
 */

const { server, pool, authenticatedUserId, listen } = referenceServer();

interface Profile {
  organisations: string[];
  roles: { organisationId: string; scopePath: string | null }[];
  memberships: { sphereId: string; role: string; status: string }[];
}

interface QueueQuery {
  status?: string;
  limit?: string;
  cursor?: string;
}

type Request<P> = FastifyRequest<{ Params: P; Querystring: QueueQuery }>;

/** The user row and the profile in one statement, as the app's guard loads them for a route that reads the profile. */
async function profileOf(userId: string): Promise<Profile | null> {
  const { rows } = await pool.query<Profile>({ name: 'caller', text: CALLER_SQL, values: [userId] });
  return rows[0] ?? null;
}

/** limit and cursor as PageQuery and decodeIdCursor take them; undefined when malformed. */
function page(query: QueueQuery): { limit: number; before: string | null } | undefined {
  const limit = query.limit === undefined ? 20 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return undefined;
  if (query.cursor === undefined) return { limit, before: null };
  try {
    const { id } = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')) as { id?: unknown };
    return typeof id === 'string' && UUID.test(id) ? { limit, before: id } : undefined;
  } catch {
    return undefined;
  }
}

server.get(
  '/api/v1/spheres/:sphereId/moderation/cases',
  async (request: Request<{ sphereId: string }>, reply: FastifyReply) => {
    const userId = authenticatedUserId(request.headers.authorization);
    const profile = userId ? await profileOf(userId) : null;
    if (!profile) return reply.code(401).send({ status: 401 });
    const { sphereId } = request.params;
    const keyset = page(request.query);
    const status = request.query.status ?? 'open';
    if (!keyset || !['open', 'resolved', 'dismissed', 'escalated'].includes(status)) return reply.code(422).send({});
    const sphere = await pool.query(
      `SELECT id, organisation_id AS "organisationId", path, visibility, archived_at IS NOT NULL AS archived
       FROM spheres WHERE id = $1`,
      [sphereId],
    );
    if (sphere.rows.length === 0) return reply.code(404).send({ status: 404 });
    // the bench's animator: an active animator or sphere admin of the sphere moderates it
    const moderates = profile.memberships.some(
      (m) => m.sphereId === sphereId && m.status === 'active' && ['animator', 'sphere_admin'].includes(m.role),
    );
    if (!moderates) return reply.code(403).send({ status: 403 });
    const { rows } = await pool.query<CaseRow>({
      name: 'moderation-sphere-queue',
      text: SPHERE_QUEUE_SQL,
      values: [sphereId, status, keyset.before, keyset.limit + 1],
    });
    return pageOf(rows, keyset.limit);
  },
);

server.get(
  '/api/v1/organisations/:orgId/moderation/cases',
  async (request: Request<{ orgId: string }>, reply: FastifyReply) => {
    const userId = authenticatedUserId(request.headers.authorization);
    const profile = userId ? await profileOf(userId) : null;
    if (!profile) return reply.code(401).send({ status: 401 });
    const { orgId } = request.params;
    const keyset = page(request.query);
    const status = request.query.status ?? 'escalated';
    if (!keyset || !['escalated', 'resolved', 'dismissed'].includes(status)) return reply.code(422).send({});
    const exists = await pool.query('SELECT 1 FROM organisations WHERE id = $1', [orgId]);
    const roles = profile.roles.filter((r) => r.organisationId === orgId);
    if (exists.rows.length === 0 || !(profile.organisations.includes(orgId) || roles.length > 0))
      return reply.code(404).send({ status: 404 });
    if (roles.length === 0) return reply.code(403).send({ status: 403 });
    const values = [orgId, status, keyset.before, keyset.limit + 1];
    const { rows } = roles.some((r) => r.scopePath === null)
      ? await pool.query<CaseRow>({ name: 'moderation-org-queue', text: ORG_QUEUE_SQL, values })
      : await scopeQueue(values, pathRanges(roles.map((r) => r.scopePath!)));
    return pageOf(rows, keyset.limit);
  },
);

function scopeQueue(values: unknown[], ranges: { since: string[]; upto: string[] }) {
  const text = SCOPE_QUEUE_SQL;
  return pool.query<CaseRow>({ name: 'moderation-scope-queue', text, values: [...values, ranges.since, ranges.upto] });
}

interface CaseRow {
  id: string;
  sphereId: string;
  kind: string;
  status: string;
  targetType: string;
  targetId: string;
  targetSnapshot: Record<string, unknown>;
  reportCount: number;
  authorId: string | null;
  claimedBy: string | null;
  claimedByName: string | null;
  claimedUntil: Date | null;
  escalatedAt: Date | null;
  escalationReason: string | null;
  deadlineAt: Date | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  decision: string | null;
  decisionReason: string | null;
  muteHours: number | null;
  createdAt: Date;
  updatedAt: Date;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function pageOf(rows: CaseRow[], limit: number) {
  const items = rows.slice(0, limit).map((c) => ({
    id: c.id,
    sphereId: c.sphereId,
    kind: c.kind,
    status: c.status,
    targetType: c.targetType,
    targetId: c.targetId,
    snapshot: c.targetSnapshot,
    reportCount: c.reportCount,
    authorId: c.authorId,
    claimedBy: c.claimedBy,
    claimedByName: c.claimedByName,
    claimedUntil: iso(c.claimedUntil),
    escalatedAt: iso(c.escalatedAt),
    escalationReason: c.escalationReason,
    deadlineAt: iso(c.deadlineAt),
    decidedAt: iso(c.decidedAt),
    decidedBy: c.decidedBy,
    decision: c.decision,
    decisionReason: c.decisionReason,
    muteHours: c.muteHours,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  }));
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit ? Buffer.from(JSON.stringify({ id: last.id })).toString('base64url') : null,
  };
}

listen();
