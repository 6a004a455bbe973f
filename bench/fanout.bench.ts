import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from './access/sphere-tree';
import { SampleListeners } from './fanout/listeners';
import { seedFanout } from './fanout/seed';
import { registerUsers, startAlveoleApi } from './lib/alveole-api';
import { repoRoot } from './lib/paths';
import { buildResult, Metric, printTable, writeResult } from './lib/report';
import { median, percentile, round } from './lib/stats';
import { onCleanup, runMain, trackChild } from './lib/shutdown';
import { claimRedisPrefix, createScratchDatabase, REDIS_URL } from './lib/stores';

/*
 * bench:fanout — a post in a sphere of 10,000 members (and of 100,000): from the POST until every
 * notification row is written and every realtime emit is done (a socket per range of 1,000 recipients
 * heard its `notification.created`), against a bare `INSERT … SELECT` of the same rows into a copy of the table
 * (same keys and indexes) in the same run, alternating. Then how post creation itself fares: p99 of the
 * POST in the 10,000-member sphere against the 10-member one, interleaved so both meet the same
 * background fan-out. Api and worker are the built processes, on PostgreSQL and Redis.
 */

const ROUNDS = Number(process.env.BENCH_FANOUT_ROUNDS ?? 3);
const LARGE = Number(process.env.BENCH_FANOUT_LARGE ?? 100_000);
const POSTS_FOR_LATENCY = Number(process.env.BENCH_FANOUT_POSTS ?? 60);
const AUDIENCES = [10, 10_000, LARGE];

runMain(async () => {
  const database = await createScratchDatabase('fanout');
  const redisPrefix = await claimRedisPrefix('fanout');
  const dataDir = mkdtempSync(join(tmpdir(), 'alveole-bench-'));
  onCleanup(`remove ${dataDir}`, () => rmSync(dataDir, { recursive: true, force: true }));
  await runMigrations(database.url);
  const env = { jwtSecret: randomBytes(32).toString('hex'), databaseUrl: database.url, redisUrl: REDIS_URL };
  const app = await startAlveoleApi({ ...env, redisPrefix, databasePoolSize: 10, dataDir });
  await startWorker(app.url, { ...env, redisPrefix, dataDir });
  const [author] = await registerUsers(app, 1);
  const started = Date.now();
  const seed = await seedFanout(database.url, author.id, AUDIENCES);
  console.log(`[bench] seeded ${AUDIENCES.join(' / ')} members in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const [small, medium, large] = seed.spheres;

  const db = new Client({ connectionString: database.url });
  await db.connect();
  onCleanup('close the bench connection', () => db.end());
  await db.query(`CREATE TABLE bare_notifications (LIKE notifications INCLUDING ALL)`);
  const post = async (sphereId: string) => {
    const begun = performance.now();
    const response = await fetch(`${app.url}/api/v1/spheres/${sphereId}/posts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${author.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: `Assemblée générale ${randomBytes(4).toString('hex')}` }),
    });
    if (response.status !== 201) throw new Error(`post: ${response.status} ${await response.text()}`);
    return { id: ((await response.json()) as { id: string }).id, ms: performance.now() - begun };
  };

  const listeners = new Map<string, SampleListeners>();
  for (const sphere of [medium, large]) {
    const sample = await SampleListeners.open(app.url, db, sphere.id, author.id, env.jwtSecret);
    onCleanup(`close the ${sample.size} sample sockets`, () => sample.close());
    listeners.set(sphere.id, sample);
  }

  /** From the POST until every row is written and every sample recipient heard it; with the job count. */
  const fanOut = async (sphere: { id: string; members: number }) => {
    const begun = performance.now();
    const { id } = await post(sphere.id);
    for (;;) {
      const heard = listeners.get(sphere.id)?.allHeard(id) ?? true;
      const { rows } = heard
        ? await db.query(
            `SELECT (SELECT count(*) FROM notifications WHERE subject_id = $1::uuid)::int AS written,
                    (SELECT count(*) FROM outbox o WHERE o.event_name = 'notification.fanout_chunk'
                        AND o.payload->'source'->>'postId' = $1::text)::int AS chunks`,
            [id],
          )
        : { rows: [] };
      const row = rows[0] as { written: number; chunks: number } | undefined;
      if (row && row.written === sphere.members)
        return { ms: performance.now() - begun, jobs: 1 + row.chunks, stages: await stages(db, id) };
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const bare = async (sphere: { id: string }) => {
    const begun = performance.now();
    await db.query(
      `INSERT INTO bare_notifications (user_id, event_id, kind, organisation_id, sphere_id, subject_type, subject_id,
                                       actor_id, email)
       SELECT m.user_id, $2, 'post', m.organisation_id, m.sphere_id, 'post', $2, $3, 'immediate'
         FROM memberships m WHERE m.sphere_id = $1 AND m.user_id <> $3`,
      [sphere.id, randomUuid(), author.id],
    );
    return performance.now() - begun;
  };

  await fanOut(medium); // warm-up: connections, statement plans, queues
  const times: Record<'app' | 'reference', Record<number, number[]>> = { app: {}, reference: {} };
  const jobs: Record<number, number> = {};
  for (const sphere of [medium, large]) {
    const rounds = sphere === large ? Math.max(1, Math.ceil(ROUNDS / 2)) : ROUNDS;
    for (let round = 0; round < rounds; round += 1) {
      const app = await fanOut(sphere);
      (times.app[sphere.members] ??= []).push(app.ms);
      jobs[sphere.members] = Math.max(jobs[sphere.members] ?? 0, app.jobs);
      (times.reference[sphere.members] ??= []).push(await bare(sphere));
      console.log(`[bench] ${sphere.members} members: app ${app.ms.toFixed(0)} ms (${app.jobs} jobs) ${app.stages}`);
    }
  }

  // post creation, interleaved between the small and the medium sphere (same background fan-out load)
  const latencies: Record<'small' | 'medium', number[]> = { small: [], medium: [] };
  for (let index = 0; index < POSTS_FOR_LATENCY; index += 1) {
    latencies.small.push((await post(small.id)).ms);
    latencies.medium.push((await post(medium.id)).ms);
  }

  const ms = (side: 'app' | 'reference', members: number) => round(median(times[side][members]));
  const metrics: Metric[] = [
    ratioMetric(
      `fan-out to ${medium.members} (rows + emits) vs bare INSERT … SELECT`,
      'ms',
      ms('app', medium.members),
      ms('reference', medium.members),
      3,
    ),
    ratioMetric(
      `fan-out to ${large.members} vs bare INSERT … SELECT`,
      'ms',
      ms('app', large.members),
      ms('reference', large.members),
      null,
    ),
    ratioMetric(
      `fan-out to ${large.members} vs to ${medium.members}`,
      'ms',
      ms('app', large.members),
      ms('app', medium.members),
      round((large.members / medium.members) * 1.1),
    ),
    ratioMetric(
      `jobs for ${large.members} recipients (vs ceil(N / 1000))`,
      'jobs',
      jobs[large.members],
      Math.ceil(large.members / 1000),
      1,
    ),
    ratioMetric(
      `POST p99 in a ${medium.members}-member sphere vs a ${small.members}-member one`,
      'ms',
      round(percentile(latencies.medium, 99)),
      round(percentile(latencies.small, 99)),
      1.2,
    ),
  ];
  const result = {
    ...buildResult('fanout', metrics),
    setup: { rounds: ROUNDS, audiences: AUDIENCES, postsForLatency: POSTS_FOR_LATENCY, jobs },
    samples: {
      times,
      postMedianMs: { small: round(median(latencies.small)), medium: round(median(latencies.medium)) },
    },
  };
  printTable(result);
  console.log(`[bench] written ${writeResult(result)}`);
});

/** When each stage began, in ms after the post's commit (each job's transaction start): where the time goes. */
async function stages(db: Client, postId: string): Promise<string> {
  const { rows } = await db.query(
    `WITH post AS (SELECT id, created_at FROM outbox WHERE event_name = 'post.created' AND payload->>'postId' = $1),
          runs AS (SELECT o.event_name, j.subscriber, extract(epoch FROM j.processed_at - post.created_at) * 1000 AS ms
                     FROM post, outbox o JOIN processed_jobs j ON j.outbox_id = o.id
                    WHERE o.id = post.id OR o.payload->>'eventId' = post.id::text)
     SELECT subscriber, count(*)::int AS n, round(min(ms))::int AS first, round(max(ms))::int AS last
       FROM runs GROUP BY subscriber ORDER BY first`,
    [postId],
  );
  return rows.map((r) => `${r.subscriber}×${r.n} ${r.first}–${r.last}`).join(', ');
}

function ratioMetric(name: string, unit: string, app: number, reference: number, target: number | null): Metric {
  return { name, unit, app, reference, ratio: round(app / reference, 3), better: 'lower', target };
}

function randomUuid(): string {
  return globalThis.crypto.randomUUID();
}

/** The built worker (`npm run build` first), with the api's settings; resolves once it says it started. */
async function startWorker(
  publicUrl: string,
  settings: { databaseUrl: string; redisUrl: string; redisPrefix: string; jwtSecret: string; dataDir: string },
): Promise<void> {
  const child = spawn(process.execPath, [join(repoRoot(), 'dist', 'apps', 'worker', 'src', 'main.js')], {
    cwd: repoRoot(),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PUBLIC_URL: publicUrl,
      DATABASE_URL: settings.databaseUrl,
      REDIS_URL: settings.redisUrl,
      REDIS_PREFIX: settings.redisPrefix,
      JWT_SECRET: settings.jwtSecret,
      DATA_DIR: settings.dataDir,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  trackChild(child);
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the worker exited (${code}) before it started`)));
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Alveole worker started')) resolve();
    });
  });
}
