import { positionToTimestamp, postViewColumns } from './post-view';

/**
 * The feed statements, one per page kind so each keeps its own plan (a generic plan with an optional
 * cursor could not use the index bound). Exported for bench:feed's reference, which must send the
 * very same SQL. One statement per page: authors, counts (kept on the post row) and the reader's
 * reactions come with the posts.
 *
 * The row count is a literal, one statement per bucket of it (feedStatement): with `LIMIT $n` the generic
 * plan's estimates were a tenth of the table, PostgreSQL kept choosing custom plans, and planning cost
 * 0.3-1.5 ms against 0.2-0.9 ms of execution. The authors and the reader's reactions are looked up per row
 * of the final page (subqueries in postViewColumns), never joined before the cut, so the generic plan is good.
 *
 * Sphere feed parameters: $1 sphere, $2 reader, $3 reader sees every pending and hidden post (animator),
 * $4 oldest visible created_at (the reader's join date when history is hidden, else -infinity),
 * then $5, $6 the keyset position (µs, id).
 */
// every column but the search vector, which a page never needs
const POST_COLUMNS = ['id', 'organisation_id', 'sphere_id', 'author_id', 'body', 'html', 'status', 'important']
  .concat(['pinned_at', 'attachment_ids', 'comment_count', 'reaction_counts', 'created_at', 'edited_at'])
  .map((column) => `p.${column}`)
  .join(', ');

/**
 * Published posts for everyone; pending and hidden ones for their author and the sphere's animators;
 * removed ones in no list (GET /posts/:id still answers the author and the animators).
 */
export const visibleTo = (me: string, moderator: string) =>
  `(p.status = 'published' OR (p.status IN ('pending', 'hidden') AND (${moderator} OR p.author_id = ${me})))`;

// posts_sphere_feed_idx (sphere_id, created_at, id) WHERE deleted_at IS NULL, scanned backwards
const sphereRecent = (extra: string, order: 'DESC' | 'ASC', rows: number) => `
  SELECT ${POST_COLUMNS} FROM posts p
  WHERE p.sphere_id = $1 AND p.deleted_at IS NULL AND p.created_at >= $4 AND ${visibleTo('$2', '$3')}${extra}
  ORDER BY p.created_at ${order}, p.id ${order} LIMIT ${rows}`;

const SphereFeed = {
  /** Page 1: pinned posts (posts_sphere_pinned_idx, at most 20) then the newest unpinned. */
  first: (rows: number) => `
    SELECT ${postViewColumns('$2')}
    FROM (
      (SELECT ${POST_COLUMNS}, 0 AS head FROM posts p
        WHERE p.sphere_id = $1 AND p.pinned_at IS NOT NULL AND p.deleted_at IS NULL AND p.created_at >= $4
          AND ${visibleTo('$2', '$3')}
        ORDER BY p.pinned_at DESC LIMIT 20)
      UNION ALL
      (SELECT q.*, 1 AS head FROM (${sphereRecent(' AND p.pinned_at IS NULL', 'DESC', rows)}) q)
    ) p
    ORDER BY p.head, p.pinned_at DESC, p.created_at DESC, p.id DESC`,
  /** A later page: older than the cursor's (created_at, id). */
  after: (rows: number) => `
    SELECT ${postViewColumns('$2')}
    FROM (${sphereRecent(` AND p.pinned_at IS NULL AND (p.created_at, p.id) < (${positionToTimestamp('$5')}, $6)`, 'DESC', rows)}) p
    ORDER BY p.created_at DESC, p.id DESC`,
  /** What is newer than a position (resync after a reconnect), oldest first so nothing is skipped. */
  since: (rows: number) => `
    SELECT ${postViewColumns('$2')}
    FROM (${sphereRecent(` AND (p.created_at, p.id) > (${positionToTimestamp('$5')}, $6)`, 'ASC', rows)}) p
    ORDER BY p.created_at ASC, p.id ASC`,
};

/**
 * Home feed: the newest posts across the reader's readable spheres. A lateral index scan per sphere
 * (posts_sphere_feed_idx, at most `limit` rows each) merged and cut: the cost follows the number of
 * spheres and the page size, never the number of posts.
 * $1 reader, $2 readable sphere ids, $3 spheres the reader moderates, then $4, $5 the position.
 * The reader's membership row (memberships_pkey) gives the join date for spheres hiding their history.
 */
const homeFeed = (bound: string, order: 'DESC' | 'ASC', rows: number) => `
  SELECT ${postViewColumns('$1')}
  FROM unnest($2::uuid[]) AS readable (sphere_id)
  JOIN spheres s ON s.id = readable.sphere_id
  JOIN memberships m ON m.sphere_id = readable.sphere_id AND m.user_id = $1
  CROSS JOIN LATERAL (
    SELECT ${POST_COLUMNS} FROM posts p
    WHERE p.sphere_id = readable.sphere_id AND p.deleted_at IS NULL
      AND p.created_at >= CASE WHEN s.history_visible_to_newcomers THEN '-infinity'
                               ELSE coalesce(m.joined_at, m.created_at) END
      AND ${visibleTo('$1', 'p.sphere_id = ANY($3::uuid[])')}${bound}
    ORDER BY p.created_at ${order}, p.id ${order} LIMIT ${rows}
  ) p
  ORDER BY p.created_at ${order}, p.id ${order} LIMIT ${rows}`;

const HomeFeed = {
  first: (rows: number) => homeFeed('', 'DESC', rows),
  after: (rows: number) => homeFeed(` AND (p.created_at, p.id) < (${positionToTimestamp('$4')}, $5)`, 'DESC', rows),
  since: (rows: number) => homeFeed(` AND (p.created_at, p.id) > (${positionToTimestamp('$4')}, $5)`, 'ASC', rows),
};

/** Rows a statement fetches for a page of up to 100 (one more than the page): few statements per connection. */
const ROW_BUCKETS = [6, 11, 21, 51, 101];

export interface FeedStatement {
  name: string;
  text: string;
  /** Rows it may return, at least the asked number: cut the answer to what was asked. */
  rows: number;
}

const statements = new Map<string, FeedStatement>();

/** A bucket's answer cut to the rows asked; a sphere's first page keeps its pinned head besides them. */
export function cutToAsked<T extends { pinned: boolean }>(rows: T[], asked: number, pinnedHead: boolean): T[] {
  const head = pinnedHead ? rows.findIndex((row) => !row.pinned) : 0;
  return rows.slice(0, (head === -1 ? rows.length : head) + asked);
}

/** The prepared statement of a feed page fetching at least `rows` rows (built once per process). */
export function feedStatement(feed: 'sphere' | 'home', kind: 'first' | 'after' | 'since', rows: number): FeedStatement {
  const bucket = ROW_BUCKETS.find((size) => size >= rows) ?? rows;
  const name = `feed-${feed}-${kind}-${bucket}`;
  let statement = statements.get(name);
  if (!statement) {
    statement = { name, text: (feed === 'sphere' ? SphereFeed : HomeFeed)[kind](bucket), rows: bucket };
    statements.set(name, statement);
  }
  return statement;
}

/**
 * Sphere facts for the content checks and the history rule, with the reader's join date:
 * spheres_pkey and memberships_pkey. $1 sphere, $2 reader.
 */
export const SPHERE_FOR_READER = `
  SELECT s.id, s.organisation_id AS "organisationId", s.path, s.visibility, s.archived_at IS NOT NULL AS archived,
    s.posting_policy AS "postingPolicy", s.moderation_mode AS "moderationMode",
    s.history_visible_to_newcomers AS "historyVisibleToNewcomers",
    coalesce(m.joined_at, m.created_at) AS "joinedAt"
  FROM spheres s LEFT JOIN memberships m ON m.sphere_id = s.id AND m.user_id = $2
  WHERE s.id = $1`;
