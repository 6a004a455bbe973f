import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFeedOptions } from './feed/options';
import { MID_POSTS, SeedPlan } from './feed/plan';
import { assertDeepCursors, assertSameAnswers, RequestKind, requestKinds } from './feed/requests';
import { runPacedLoad } from './feed/paced-load';
import { measureSerial } from './feed/serial';
import {
  FeedResult,
  maxSpecs,
  printScaling,
  ratedSpecs,
  scaling,
  serialSpecs,
  P99_TARGET,
  SCALING_TARGET,
  THROUGHPUT_TARGET,
} from './feed/results';
import { feedDatabase } from './feed/template';
import { loadWorkload, PAGE_SIZE } from './feed/workload';
import { alternate } from './lib/alternate';
import { startAlveoleApi, startReference } from './lib/alveole-api';
import { describeHttpSample, HttpSample, roundRobin, runHttpLoad } from './lib/load';
import { Service } from './lib/processes';
import { buildResult, Metric, printTable, summarise, writeResult } from './lib/report';
import { onCleanup, runMain } from './lib/shutdown';
import { median } from './lib/stats';
import { claimRedisPrefix, REDIS_URL } from './lib/stores';

/*
 * bench:feed — the sphere feed and the home feed over a big sphere (1,000,000 posts by default, plus 99 small
 * spheres and 10,000 users), on the app and on bench/reference/feed-reference.ts (bare Fastify + pg sending the
 * app's own statements). Five requests: the big sphere's page 1 and deep page (5,000, by cursor), page 1 of a
 * 10,000-post sphere, the home feed's page 1 and deep page. For each, alternating app and reference: serial
 * latency, max throughput, and p99 at the same fixed rate; then how page cost scales with the sphere's size
 * and with the depth of the page.
 */

const POOL_SIZE = 10;

runMain(async () => {
  const options = parseFeedOptions(process.argv.slice(2));
  // the deep page must exist: with fewer posts (a quick run), the deepest page at 90% of the big sphere
  const deepPage = Math.min(options.deepPage, Math.floor((options.posts * 0.9) / PAGE_SIZE));
  if (deepPage < 2) throw new Error('--posts is too small for a deep page');
  console.log(`[bench] feed: ${JSON.stringify({ ...options, deepPage })}`);
  const plan: SeedPlan = {
    users: options.users,
    readers: options.readers,
    posts: options.posts,
    deepOffset: (deepPage - 1) * PAGE_SIZE,
  };

  const jwtSecret = randomBytes(32).toString('hex');
  const redisPrefix = await claimRedisPrefix('feed');
  const database = await feedDatabase(plan, options.reseed, (line) => console.log(`[bench] ${line}`));
  const dataDir = mkdtempSync(join(tmpdir(), 'alveole-bench-'));
  onCleanup(`remove ${dataDir}`, () => rmSync(dataDir, { recursive: true, force: true }));

  const app = await startAlveoleApi({
    databaseUrl: database.url,
    redisUrl: REDIS_URL,
    redisPrefix,
    jwtSecret,
    databasePoolSize: POOL_SIZE,
    dataDir,
  });
  const workload = await loadWorkload(database.url, jwtSecret, options.readers, deepPage);
  const reference = await startReference('feed-reference', {
    databaseUrl: database.url,
    jwtSecret,
    databasePoolSize: POOL_SIZE,
  });

  const kinds = requestKinds(workload, deepPage, options.posts, MID_POSTS);
  await assertDeepCursors(app.url, workload, workload.bearers[0]);
  const sizes = await assertSameAnswers({ app: app.url, reference: reference.url }, kinds, workload.bearers);
  console.log(`[bench] app and reference answer alike (12 readers per request); the page before each deep page`);
  console.log(`[bench] hands out the deep cursor. Page 1 of each, for reader 1 (myReactions: posts over 12 readers):`);
  for (const kind of kinds) {
    const size = sizes.get(kind.name)!;
    console.log(
      `[bench]   ${kind.label}: ${size.items} posts, ${size.bytes} bytes, ${size.myReactions} with myReactions`,
    );
  }

  const serial = await measureSerial(
    Object.fromEntries(
      kinds.flatMap((kind) => [
        [`${kind.name} app`, { url: app.url, path: kind.path }],
        [`${kind.name} reference`, { url: reference.url, path: kind.path }],
      ]),
    ),
    workload.bearers,
    options.serial,
    options.rounds,
  );

  const metrics: Metric[] = [];
  const rates: Record<string, number> = {};
  let failed = 0;
  for (const kind of kinds) {
    console.log(`[bench] --- ${kind.label}: ${kind.path.replace(/cursor=.*/, 'cursor=…')}`);
    metrics.push(
      ...summarise(
        { app: serial[`${kind.name} app`], reference: serial[`${kind.name} reference`] },
        serialSpecs(kind.name),
      ),
    );
    const measured = await measureLoad(kind, app, reference, workload.bearers, options);
    metrics.push(...measured.metrics);
    rates[kind.name] = measured.rate;
    failed += measured.failed;
  }

  const big = kinds[0].name;
  const scalingRows = [
    ...scaling(metrics, serial, `page 1 at ${count(options.posts)} / at ${count(MID_POSTS)} posts`, big, kinds[2].name),
    ...scaling(metrics, serial, `page ${count(deepPage)} / page 1 (by cursor)`, kinds[1].name, big),
  ];
  const result: FeedResult = {
    ...buildResult('feed', metrics),
    scaling: scalingRows,
    setup: {
      ...options,
      deepPage,
      template: database.template,
      seededInSeconds: database.seededInSeconds,
      fixedRates: rates,
    },
  };
  printTable(result);
  printScaling(scalingRows);
  printTargets(result);
  console.log(`[bench] written ${writeResult(result)}`);
  if (failed > 0) {
    console.error(`[bench] ${failed} request(s) failed (non-2xx, errors or timeouts): the numbers are not comparable`);
    process.exitCode = 1;
  }
});

/** Max throughput, then p99 at a fixed share of the reference's max: each alternating app and reference. */
async function measureLoad(
  kind: RequestKind,
  app: Service,
  reference: Service,
  bearers: string[],
  options: ReturnType<typeof parseFeedOptions>,
): Promise<{ metrics: Metric[]; rate: number; failed: number }> {
  const targets = { app: app.url, reference: reference.url };
  // each run restarts the same rotation of readers, so both sides read the same rows in the same order
  const headers = () => {
    const next = roundRobin(bearers);
    return () => ({ authorization: next() });
  };
  const load = (url: string, duration: number) =>
    runHttpLoad({ url, path: kind.path, connections: options.connections, duration, headersFor: headers() });
  const max = await alternate({
    rounds: options.rounds,
    targets,
    warmup: options.warmup > 0 ? (url) => load(url, options.warmup) : undefined,
    measure: (url) => load(url, options.duration),
    describe: describeHttpSample,
  });

  const rate = Math.max(1, Math.round((median(max.reference.map((s) => s.rps)) * options.rateShare) / 100));
  console.log(`[bench] fixed rate ${rate} req/s (${options.rateShare}% of the reference's max)`);
  const rated = await alternate({
    rounds: options.rounds,
    targets,
    measure: (url) =>
      runPacedLoad({
        url,
        path: kind.path,
        connections: options.connections,
        duration: options.rateDuration,
        rate,
        headersFor: headers(),
      }),
    describe: describeHttpSample,
  });

  const metrics = [
    ...summarise({ app: max.app, reference: max.reference }, maxSpecs(kind.name)),
    ...summarise({ app: rated.app, reference: rated.reference }, ratedSpecs(kind.name, rate)),
  ];
  const samples: HttpSample[] = [...max.app, ...max.reference, ...rated.app, ...rated.reference];
  return { metrics, rate, failed: samples.reduce((sum, sample) => sum + sample.failed, 0) };
}

/** The four targets of the issue, one line each, after the tables. */
function printTargets(result: FeedResult): void {
  const throughput = result.metrics.filter((m) => m.name.endsWith('max requests/s'));
  const p99 = result.metrics.filter((m) => m.target === P99_TARGET && m.unit === 'ms');
  const scalingTargets = result.scaling.filter((row) => row.target !== null);
  const verdict = (ok: boolean) => (ok ? 'yes' : 'NO');
  console.log('targets:');
  console.log(
    `  throughput ratio ≥ ${THROUGHPUT_TARGET}: ${throughput.map((m) => `${m.name.replace(' max requests/s', '')} ${m.ratio}`).join(', ')}` +
      ` → ${verdict(throughput.every((m) => m.ratio >= THROUGHPUT_TARGET))}`,
  );
  console.log(
    `  p99 ≤ ${P99_TARGET}× the reference at the same rate: ${p99.map((m) => `${m.name} ${m.ratio}`).join(', ')}` +
      ` → ${verdict(p99.every((m) => m.ratio <= P99_TARGET))}`,
  );
  for (const row of scalingTargets) {
    console.log(`  ${row.name} ≤ ${SCALING_TARGET}×: ${row.app} → ${verdict(row.app <= SCALING_TARGET)}`);
  }
  console.log('');
}

function count(n: number): string {
  return n.toLocaleString('en');
}
