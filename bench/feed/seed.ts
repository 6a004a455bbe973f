import { Client } from 'pg';
import {
  BIG_SLUG,
  HIDDEN_HISTORY_SLUG,
  MID_POSTS,
  MID_SLUG,
  SeedLog,
  SeedPlan,
  SMALL_POSTS,
  SMALL_SPHERES,
} from './plan';
import { seedPosts } from './seed-posts';

/*
 * The data of bench:feed, written with set-based SQL into a migrated database: one organisation, a big sphere
 * (`posts` posts, the root of the tree), 99 small spheres under it (the first, the mid sphere, with MID_POSTS
 * posts, the others SMALL_POSTS each), `users` users who all belong to the big sphere and to a few small ones.
 * Readers (users 1..readers) also belong to the mid sphere, and the reactions in the pages the bench reads are
 * theirs, so `myReactions` is not always empty. Ids are UUIDv7 of the row's created_at, as newId() makes them.
 */

/** Small spheres each user belongs to (besides the big one, and the mid one for readers). */
const SMALL_MEMBERSHIPS = 4;
/** All posts of a sphere spread over the same two years: the big sphere is the busiest. */
const SPAN_MICROSECONDS = 730 * 24 * 3600 * 1_000_000;
/** Newest posts of the big and mid spheres, and posts on either side of the deep pages: with reactions, comments. */
const WINDOW = 3_000;

// UUIDv7: 48 bits of Unix milliseconds, the version, then random bits (with the variant) from gen_random_uuid
const UUID7 = `
  CREATE FUNCTION bench_uuid7(at timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
    SELECT (lpad(to_hex(floor(extract(epoch FROM at) * 1000)::int8), 12, '0') || '7'
            || substr(replace(gen_random_uuid()::text, '-', ''), 14))::uuid
  $$`;

/** Seeds the plan into a migrated, empty database; `passwordHash` is every user's (nobody logs in). */
export async function seedFeed(databaseUrl: string, plan: SeedPlan, passwordHash: string, log: SeedLog): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  // a query in flight rejects on its own; this only keeps a dropped connection (Ctrl-C) from crashing the process
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`SET synchronous_commit = off; SET jit = off`);
    await client.query(UUID7);
    let started = Date.now();
    await seedPeople(client, plan, passwordHash);
    log(`users, organisation, ${SMALL_SPHERES + 2} spheres and memberships in ${seconds(started)} s`);

    started = Date.now();
    await seedPosts(databaseUrl, plan, SPAN_MICROSECONDS, log);
    log(`posts in ${seconds(started)} s`);

    started = Date.now();
    await seedReactionsAndComments(client, plan);
    log(`reactions and comments in ${seconds(started)} s`);
    await client.query('DROP FUNCTION bench_uuid7');
  } finally {
    await client.end();
  }
}

async function seedPeople(client: Client, plan: SeedPlan, passwordHash: string): Promise<void> {
  await client.query('BEGIN');
  // users k = 1..N, created over the last three years; the one password hash is a real argon2id hash
  await client.query(
    `INSERT INTO users (id, email, display_name, password_hash, created_at, updated_at)
     SELECT bench_uuid7(t), 'bench-feed-user-' || k || '@example.com', 'Membre ' || k, $2, t, t
       FROM generate_series(1, $1::int) k, LATERAL (SELECT now() - interval '3 years' + k * interval '1 minute' AS t) c`,
    [plan.users, passwordHash],
  );
  await client.query(
    `INSERT INTO organisations (id, name, slug, created_by, created_at)
     SELECT bench_uuid7(now() - interval '3 years'), 'Réseau national', 'reseau-national', id, now() - interval '3 years'
       FROM users WHERE email = 'bench-feed-user-1@example.com'`,
  );
  await client.query(
    `INSERT INTO organisation_members (organisation_id, user_id, joined_at) SELECT o.id, u.id, u.created_at
       FROM organisations o CROSS JOIN users u`,
  );
  // the big sphere is the root; the small ones are its children, some private, the second hides its history
  await client.query(
    `INSERT INTO spheres (id, organisation_id, parent_id, path, depth, name, slug, description, kind, visibility, created_at)
     SELECT s.id, o.id, NULL, '/' || s.id || '/', 0, 'Réseau', $1, 'Tout le réseau', 'territorial', 'public', o.created_at
       FROM organisations o, LATERAL (SELECT bench_uuid7(o.created_at) AS id) s`,
    [BIG_SLUG],
  );
  await client.query(
    `INSERT INTO spheres (id, organisation_id, parent_id, path, depth, name, slug, description, kind, visibility,
                          history_visible_to_newcomers, created_at)
     SELECT g.id, root.organisation_id, root.id, root.path || g.id || '/', 1, 'Groupe ' || g.n, 'groupe-' || g.n,
            'Groupe local n° ' || g.n, CASE WHEN g.n % 5 = 0 THEN 'thematic' ELSE 'territorial' END,
            CASE WHEN g.n % 4 = 3 THEN 'private' ELSE 'public' END, g.n <> 2, g.t
       FROM spheres root,
            LATERAL (SELECT n, bench_uuid7(root.created_at + n * interval '1 hour') AS id,
                            root.created_at + n * interval '1 hour' AS t
                       FROM generate_series(1, $2::int + 1) n) g
      WHERE root.slug = $1`,
    [BIG_SLUG, SMALL_SPHERES],
  );
  // everyone is in the big sphere (every 50th user animates it, so sees pending posts); readers in the mid sphere
  await client.query(
    `INSERT INTO memberships (sphere_id, user_id, organisation_id, role, status, joined_at, created_at)
     SELECT s.id, u.id, s.organisation_id, CASE WHEN u.k % 50 = 0 THEN 'animator' ELSE 'member' END, 'active',
            u.created_at, u.created_at
       FROM spheres s, (SELECT id, created_at, row_number() OVER (ORDER BY created_at) AS k FROM users) u
      WHERE s.slug = $1
         OR (s.slug = $2 AND (u.k <= $3 OR u.k % 5 = 0))`,
    [BIG_SLUG, MID_SLUG, plan.readers],
  );
  // a few small spheres each: the last one muted (still readable) or invited (not readable) for some users;
  // in the sphere hiding its history, members joined 30 days ago
  await client.query(
    `INSERT INTO memberships (sphere_id, user_id, organisation_id, role, status, joined_at, created_at)
     SELECT DISTINCT ON (s.id, u.id) s.id, u.id, s.organisation_id,
            CASE WHEN (u.k + j) % 17 = 0 THEN 'animator' ELSE 'member' END,
            CASE WHEN j < $2 THEN 'active' WHEN u.k % 3 = 0 THEN 'muted' WHEN u.k % 3 = 1 THEN 'invited' ELSE 'active' END,
            CASE WHEN s.slug = $3 THEN now() - interval '30 days' ELSE u.created_at END, u.created_at
       FROM (SELECT id, created_at, row_number() OVER (ORDER BY created_at) AS k FROM users) u
      CROSS JOIN generate_series(1, $2::int) j
       JOIN spheres s ON s.slug = 'groupe-' || (2 + (u.k * j * 37 + j * 11) % $1)
      ORDER BY s.id, u.id, j`,
    [SMALL_SPHERES, SMALL_MEMBERSHIPS, HIDDEN_HISTORY_SLUG],
  );
  await client.query('COMMIT');
}

/**
 * Reactions by readers on every third post of the windows the bench reads (the newest posts of the big and
 * mid spheres, and around the deep pages of the big one), a few comments on every fourth; then the counts on
 * those posts, from the rows themselves.
 */
async function seedReactionsAndComments(client: Client, plan: SeedPlan): Promise<void> {
  await client.query('BEGIN');
  // the home feed's deep page falls in the big sphere, a bit less deep: the other spheres fill part of the way
  const homeOffset = Math.round(
    (plan.deepOffset * plan.posts) / (plan.posts + MID_POSTS + SMALL_MEMBERSHIPS * SMALL_POSTS),
  );
  await client.query(
    `CREATE TEMP TABLE bench_window ON COMMIT DROP AS
     SELECT w.id, w.organisation_id, w.created_at, w.rank FROM spheres s
      CROSS JOIN LATERAL (
        SELECT p.id, p.organisation_id, p.created_at, row_number() OVER (ORDER BY p.created_at DESC) AS rank
          FROM posts p WHERE p.sphere_id = s.id AND p.deleted_at IS NULL
         ORDER BY p.created_at DESC LIMIT CASE WHEN s.slug = $1 THEN greatest($4::int, $5::int) + $3::int ELSE $3::int END) w
      WHERE s.slug IN ($1, $2) AND (w.rank <= $3 OR abs(w.rank - $4::int) <= $3 OR abs(w.rank - $5::int) <= $3)`,
    [BIG_SLUG, MID_SLUG, WINDOW, plan.deepOffset, homeOffset],
  );
  // each reacted post gets a reaction from one reader in ten (a reader's kind depends on the post)
  await client.query(
    `INSERT INTO reactions (post_id, user_id, kind, organisation_id, created_at)
     SELECT w.id, r.id, (ARRAY['like', 'love', 'celebrate', 'support'])[1 + (r.k / 10 + w.rank) % 4], w.organisation_id,
            w.created_at + (r.k % 600) * interval '1 minute'
       FROM bench_window w
       JOIN (SELECT id, row_number() OVER (ORDER BY created_at) AS k FROM users) r
         ON r.k <= $1 AND (r.k + w.rank) % 10 = 0
      WHERE w.rank % 3 = 0`,
    [plan.readers],
  );
  await client.query(
    `INSERT INTO comments (id, organisation_id, sphere_id, post_id, author_id, body, html, created_at)
     SELECT bench_uuid7(c.t), p.organisation_id, p.sphere_id, p.id, u.id, 'Réponse ' || c.n, '<p>Réponse ' || c.n || '</p>', c.t
       FROM bench_window w JOIN posts p ON p.id = w.id
      CROSS JOIN LATERAL (SELECT n, w.created_at + n * interval '7 minutes' AS t FROM generate_series(1, 1 + w.rank % 3) n) c
       JOIN (SELECT id, row_number() OVER (ORDER BY created_at) AS k FROM users) u ON u.k = 1 + (w.rank * 13 + c.n) % $1
      WHERE w.rank % 4 = 0`,
    [plan.users],
  );
  await client.query(
    `UPDATE posts p SET reaction_counts = c.counts
       FROM (SELECT post_id, jsonb_object_agg(kind, n) AS counts
               FROM (SELECT post_id, kind, count(*)::int AS n FROM reactions GROUP BY post_id, kind) k GROUP BY post_id) c
      WHERE p.id = c.post_id`,
  );
  await client.query(
    `UPDATE posts p SET comment_count = c.n
       FROM (SELECT post_id, count(*)::int AS n FROM comments WHERE deleted_at IS NULL GROUP BY post_id) c
      WHERE p.id = c.post_id`,
  );
  await client.query('COMMIT');
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}
