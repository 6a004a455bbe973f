import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Algorithm, hash } from '@node-rs/argon2';
import { Client } from 'pg';
import { runMigrations } from '../access/sphere-tree';
import { repoRoot } from '../lib/paths';
import { onCleanup } from '../lib/shutdown';
import { PG_ADMIN_URL, ScratchDatabase } from '../lib/stores';
import { SeedLog, SeedPlan } from './plan';
import { seedFeed } from './seed';

/*
 * Seeding a million posts takes minutes (the generated tsvector column, then the GIN index), so the seeded
 * database is kept as a template across runs and each run measures a clone of it (CREATE DATABASE ... TEMPLATE).
 * The template's name carries a hash of the migrations, of the seeding code and of the plan: change any of them
 * and the next run seeds a new one. `--reseed` rebuilds it anyway.
 */

const PREFIX = 'alveole_bench_feed_template_';
/** Written on the template once seeded and vacuumed: a template without it is half-built and rebuilt. */
const READY = 'bench:feed template, seeded';
const SEED_SOURCES = ['plan.ts', 'seed.ts', 'seed-posts.ts'];

export interface FeedDatabase extends ScratchDatabase {
  template: string;
  /** Seconds spent seeding the template in this run, or null when an existing one was reused. */
  seededInSeconds: number | null;
}

/** A clone of the seeded template (seeding it first when needed), dropped at exit. */
export async function feedDatabase(plan: SeedPlan, reseed: boolean, log: SeedLog): Promise<FeedDatabase> {
  const template = `${PREFIX}${fingerprint(plan)}`;
  const found = await admin((client) =>
    client.query<{ ready: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS ready FROM pg_database WHERE datname = $1`,
      [template],
    ),
  );
  let seededInSeconds: number | null = null;
  if (found.rows[0]?.ready === READY && !reseed) {
    log(`reusing the seeded template ${template} (--reseed to rebuild it)`);
  } else {
    const started = Date.now();
    await buildTemplate(template, plan, log);
    seededInSeconds = (Date.now() - started) / 1000;
    log(`seeded the template ${template} in ${seededInSeconds.toFixed(1)} s`);
  }
  await listOtherTemplates(template, log);

  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const name = `alveole_bench_feed_${stamp}_${process.pid}`;
  const started = Date.now();
  // FILE_COPY copies the files after a checkpoint: much faster than WAL-logging every block of a 1.5 GB database
  await admin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY`));
  onCleanup(`drop database ${name}`, () => dropDatabase(name));
  log(`cloned it as ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { name, url: databaseUrl(name), template, seededInSeconds };
}

async function buildTemplate(template: string, plan: SeedPlan, log: SeedLog): Promise<void> {
  await admin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${template}`);
  });
  // a template interrupted half-way is dropped rather than left to fill the disk
  const forget = onCleanup(`drop unfinished template ${template}`, () => dropDatabase(template));
  const url = databaseUrl(template);
  await runMigrations(url);
  const passwordHash = await hash('bench-feed-password', {
    algorithm: Algorithm.Argon2id,
    memoryCost: 19456,
    timeCost: 2,
    parallelism: 1,
  });
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ posts: string | null }>(`SELECT to_regclass('posts')::text AS posts`);
    if (!rows[0].posts) throw new Error('the migrations create no posts table: is the content migration registered?');
    await seedFeed(url, plan, passwordHash, log);
    const started = Date.now();
    // frozen and all-visible: clones answer with index-only visibility checks and write no hint bits
    await client.query('VACUUM (FREEZE, ANALYZE)');
    log(`VACUUM (FREEZE, ANALYZE) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
  await admin((client) => client.query(`COMMENT ON DATABASE ${template} IS '${READY}'`));
  forget();
}

/** Old templates are kept (a quick and a full run each have theirs): say how to drop them. */
async function listOtherTemplates(current: string, log: SeedLog): Promise<void> {
  const { rows } = await admin((client) =>
    client.query<{ name: string; size: string }>(
      `SELECT datname AS name, pg_size_pretty(pg_database_size(datname)) AS size FROM pg_database
        WHERE datname LIKE $1 AND datname <> $2 ORDER BY datname`,
      [`${PREFIX}%`, current],
    ),
  );
  for (const row of rows)
    log(`another template is kept: ${row.name} (${row.size}); DROP DATABASE ${row.name} to free it`);
}

/** Hash of what the seeded data depends on: the schema, the seeding code, the plan. */
function fingerprint(plan: SeedPlan): string {
  const root = repoRoot();
  const digest = createHash('sha256');
  const migrations = join(root, 'migrations');
  for (const file of readdirSync(migrations)
    .filter((name) => name.endsWith('.ts'))
    .sort()) {
    digest.update(file).update(readFileSync(join(migrations, file)));
  }
  for (const file of SEED_SOURCES) digest.update(readFileSync(join(root, 'bench', 'feed', file)));
  digest.update(JSON.stringify(plan));
  return digest.digest('hex').slice(0, 12);
}

function databaseUrl(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(name: string): Promise<void> {
  await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
