/**
 * The queue statements, in a module without imports so bench:moderation's reference sends the very same
 * SQL. The keyset bound is `id < coalesce($n, max uuid)` rather than `$n IS NULL OR id < $n`: a prepared
 * statement may run on a generic plan, where an optional bound becomes a filter and page 500 reads the
 * 10,000 rows before it.
 */
export const CASE_COLUMNS = `c.id, c.organisation_id AS "organisationId", c.sphere_id AS "sphereId", c.sphere_path AS "spherePath",
  c.kind, c.status, c.target_type AS "targetType", c.target_id AS "targetId", c.target_snapshot AS "targetSnapshot",
  c.report_count AS "reportCount", c.author_id AS "authorId", c.claimed_by AS "claimedBy",
  (SELECT u.display_name FROM users u WHERE u.id = c.claimed_by) AS "claimedByName",
  c.claimed_until AS "claimedUntil", c.escalated_at AS "escalatedAt", c.escalation_reason AS "escalationReason",
  c.deadline_at AS "deadlineAt", c.decided_at AS "decidedAt", c.decided_by AS "decidedBy", c.decision,
  c.decision_reason AS "decisionReason", c.mute_hours AS "muteHours", c.created_at AS "createdAt",
  c.updated_at AS "updatedAt"`;

const BEFORE = (param: string) => `c.id < coalesce(${param}::uuid, 'ffffffff-ffff-ffff-ffff-ffffffffffff')`;

/** $1 sphere, $2 status, $3 before id (null: page 1), $4 limit. moderation_cases_sphere_queue_idx. */
export const SPHERE_QUEUE_SQL = `SELECT ${CASE_COLUMNS} FROM moderation_cases c
  WHERE c.sphere_id = $1 AND c.status = $2 AND ${BEFORE('$3')}
  ORDER BY c.id DESC LIMIT $4`;

const WENT_UP = `c.organisation_id = $1 AND c.status = $2 AND c.escalated_at IS NOT NULL`;

/** $1 organisation, $2 status, $3 before id, $4 limit: all of it (moderation_cases_org_queue_idx). */
export const ORG_QUEUE_SQL = `SELECT ${CASE_COLUMNS} FROM moderation_cases c
  WHERE ${WENT_UP} AND ${BEFORE('$3')}
  ORDER BY c.id DESC LIMIT $4`;

/**
 * $1 organisation, $2 status, $3 before id, $4 limit, $5/$6 the subtrees as [from, to) ranges of paths
 * (disjoint). moderation_cases_scope_queue_idx, as a skip scan: the distinct sphere paths in the ranges
 * one seek each (index only), then each path's newest ids before the cursor (index only, at most a
 * page each), the page's ids, and only then those rows. Its cost grows with the number of spheres with
 * such cases in the subtrees, not with the depth of the page.
 */
export const SCOPE_QUEUE_SQL = `WITH RECURSIVE paths (path, upto) AS (
    SELECT (SELECT min(c.sphere_path COLLATE "C") FROM moderation_cases c
             WHERE ${WENT_UP} AND c.sphere_path COLLATE "C" >= r.since AND c.sphere_path COLLATE "C" < r.upto), r.upto
      FROM unnest($5::text[], $6::text[]) AS r (since, upto)
    UNION ALL
    SELECT (SELECT min(c.sphere_path COLLATE "C") FROM moderation_cases c
             WHERE ${WENT_UP} AND c.sphere_path COLLATE "C" > p.path AND c.sphere_path COLLATE "C" < p.upto), p.upto
      FROM paths p WHERE p.path IS NOT NULL
  ), page AS (
    SELECT k.id FROM paths p CROSS JOIN LATERAL (
      SELECT c.id FROM moderation_cases c
       WHERE ${WENT_UP} AND c.sphere_path COLLATE "C" = p.path AND ${BEFORE('$3')}
       ORDER BY c.id DESC LIMIT $4) k
     WHERE p.path IS NOT NULL
     ORDER BY k.id DESC LIMIT $4
  )
  SELECT ${CASE_COLUMNS} FROM page JOIN moderation_cases c ON c.id = page.id ORDER BY c.id DESC`;

/** [from, to) of the paths starting with each prefix (C collation: code point order), nested ones dropped. */
export function pathRanges(prefixes: string[]): { since: string[]; upto: string[] } {
  const outermost = [...new Set(prefixes)].filter((p) => !prefixes.some((q) => q !== p && p.startsWith(q)));
  const since = outermost.sort();
  // paths end with '/': the bound is the prefix with its last character the next one
  const upto = since.map((p) => p.slice(0, -1) + String.fromCharCode(p.charCodeAt(p.length - 1) + 1));
  return { since, upto };
}
