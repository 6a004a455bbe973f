import { Client } from 'pg';
import { BIG_SLUG, MID_POSTS, MID_SLUG, SeedLog, SeedPlan, SMALL_POSTS, SMALL_SPHERES, smallSlug } from './plan';

/*
 * Posts of bench:feed: one INSERT ... SELECT generate_series per chunk, oldest first (ids are UUIDv7 of
 * created_at, so the primary key and the feed index grow at their right edge), on two connections at once:
 * computing the generated `search` column (three to_tsvector per body) is most of the cost and takes a core.
 * The secondary indexes of `posts` are dropped first and rebuilt from their own definitions afterwards
 * (pg_get_indexdef), which is several times faster than maintaining the GIN index row by row.
 */

const CHUNK = 50_000;
const CONNECTIONS = 2;
/** Posts at these ranks (1 = newest) are pinned, where the sphere has that many. */
const PINNED = [40, 4_000, 9_000];

// A small vocabulary, French and English, so the three text-search configurations have work to do.
const WORDS = (
  'réunion assemblée bénévoles association projet rapport budget adhérents calendrier atelier formation ' +
  'communication partenaires subvention local région quartier jardin solidaire collecte événement soirée ' +
  'bienvenue merci proposition vote compte-rendu ordre du jour prochaine semaine mois année équipe groupe ' +
  'meeting volunteers project report budget members schedule workshop training partners grant community ' +
  'garden event evening welcome thanks proposal vote minutes agenda next week month year team group share ' +
  'document photos inscription transport covoiturage repas salle matériel affiche flyer site newsletter ' +
  'questions réponses idées discussion décision urgent important rappel information nouvelles retour bilan'
).split(' ');

interface Chunk {
  /** Spheres written by this chunk (by slug), each with posts first..last of `perSphere`. */
  slugs: string[];
  perSphere: number;
  first: number;
  last: number;
}

/**
 * $1 slugs, $2 first rank, $3 last rank, $4 posts per sphere (sets the spacing), $5 the newest instant,
 * $6 words, $7 users, $8 span in µs, $9 pinned ranks. Rank i of sphere n is created at
 * t0 - (i × span / perSphere + n) µs: distinct within a sphere and, almost always, across spheres.
 */
const INSERT_POSTS = `
  WITH authors AS (SELECT id, row_number() OVER (ORDER BY created_at) AS k FROM users)
  INSERT INTO posts (id, organisation_id, sphere_id, author_id, body, html, status, important, pinned_at,
                     created_at, edited_at, deleted_at)
  SELECT bench_uuid7(t.at), s.organisation_id, s.id, a.id, b.body, '<p>' || b.body || '</p>',
         CASE WHEN i % 500 = 7 THEN 'pending' WHEN i % 1000 = 13 THEN 'hidden' WHEN i % 1000 = 17 THEN 'removed'
              ELSE 'published' END,
         i % 200 = 5,
         CASE WHEN i = ANY ($9::int[]) THEN $5::timestamptz - i * interval '1 minute' END,
         t.at,
         CASE WHEN i % 50 = 3 THEN t.at + interval '10 minutes' END,
         CASE WHEN i % 1000 = 29 THEN t.at + interval '1 hour' END
    FROM spheres s
   CROSS JOIN generate_series($2::int, $3::int) i
   CROSS JOIN LATERAL (SELECT CASE WHEN s.depth = 0 THEN 0 ELSE substr(s.slug, 8)::int END AS n) o
   CROSS JOIN LATERAL (
     SELECT $5::timestamptz - (i * ($8::int8 / $4::int8) + o.n) * interval '1 microsecond' AS at) t
    JOIN authors a ON a.k = 1 + (i::int8 * 7919 + o.n) % $7
   CROSS JOIN LATERAL (
     SELECT 'Message ' || i || ' : ' || string_agg(($6::text[])[1 + (i::int8 * 31 + j * 17 + (i % 7) * j * j) % cardinality($6::text[])], ' ') AS body
       FROM generate_series(1, 12 + i % 45) j) b
   WHERE s.slug = ANY ($1::text[])
   ORDER BY i DESC, o.n`;

export async function seedPosts(databaseUrl: string, plan: SeedPlan, spanMicroseconds: number, log: SeedLog) {
  const clients = await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const client = new Client({ connectionString: databaseUrl });
      client.on('error', () => undefined); // see seed.ts
      await client.connect();
      await client.query(`SET synchronous_commit = off; SET jit = off; SET maintenance_work_mem = '512MB'`);
      return client;
    }),
  );
  try {
    const [first] = clients;
    const { rows: indexes } = await first.query<{ name: string; definition: string }>(
      `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename = 'posts' AND indexname <> 'posts_pkey'`,
    );
    for (const index of indexes) await first.query(`DROP INDEX ${index.name}`);
    const { rows } = await first.query<{ t0: string }>(`SELECT date_trunc('second', now())::text AS t0`);
    const shared = { t0: rows[0].t0, users: plan.users, span: spanMicroseconds };

    const chunks = planChunks(plan);
    const started = Date.now();
    let done = 0;
    let written = 0;
    const total = chunks.reduce((sum, chunk) => sum + chunk.slugs.length * (chunk.last - chunk.first + 1), 0);
    await inParallel(clients, chunks, async (client, chunk) => {
      await client.query(INSERT_POSTS, [
        chunk.slugs,
        chunk.first,
        chunk.last,
        chunk.perSphere,
        shared.t0,
        WORDS,
        shared.users,
        shared.span,
        PINNED,
      ]);
      done++;
      written += chunk.slugs.length * (chunk.last - chunk.first + 1);
      if (done % 4 === 0 || done === chunks.length) {
        const rate = written / ((Date.now() - started) / 1000);
        log(`  posts ${written.toLocaleString('en')}/${total.toLocaleString('en')} (${rate.toFixed(0)}/s)`);
      }
    });

    const rebuilding = Date.now();
    // largest first, so the GIN build does not start last on one connection while the other idles
    const ordered = [...indexes].sort(
      (a, b) => Number(b.definition.includes('gin')) - Number(a.definition.includes('gin')),
    );
    await inParallel(clients, ordered, (client, index) => client.query(index.definition));
    log(
      `  rebuilt ${indexes.map((index) => index.name).join(', ')} in ${((Date.now() - rebuilding) / 1000).toFixed(1)} s`,
    );
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

/** The big sphere in chunks, oldest first; the mid sphere; all small spheres at once. */
function planChunks(plan: SeedPlan): Chunk[] {
  const chunks: Chunk[] = [];
  for (let last = plan.posts; last >= 1; last -= CHUNK) {
    chunks.push({ slugs: [BIG_SLUG], perSphere: plan.posts, first: Math.max(1, last - CHUNK + 1), last });
  }
  chunks.push({ slugs: [MID_SLUG], perSphere: MID_POSTS, first: 1, last: MID_POSTS });
  const small = Array.from({ length: SMALL_SPHERES }, (_, i) => smallSlug(i + 2));
  chunks.push({ slugs: small, perSphere: SMALL_POSTS, first: 1, last: SMALL_POSTS });
  return chunks;
}

/** Each client takes the next item when it is free: at most one statement per connection at a time. */
async function inParallel<T>(clients: Client[], items: T[], work: (client: Client, item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    clients.map(async (client) => {
      while (next < items.length) await work(client, items[next++]);
    }),
  );
}
