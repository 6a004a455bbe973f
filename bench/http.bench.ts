import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { alternate } from './lib/alternate';
import { registerUsers, startAlveoleApi, startReference } from './lib/alveole-api';
import { parseBenchOptions } from './lib/cli-options';
import { describeHttpSample, roundRobin, runHttpLoad } from './lib/load';
import { buildResult, MetricSpec, printTable, summarise, writeResult } from './lib/report';
import { onCleanup, runMain } from './lib/shutdown';
import { CpuHttpSample, withServerCpu } from './lib/server-cpu';
import { claimRedisPrefix, createScratchDatabase, REDIS_URL } from './lib/stores';

/*
 * bench:http — GET /api/v1/me with a valid access token (JWT verified, user row loaded), on the app
 * and on bench/reference/http-reference.ts doing the same work on bare Fastify + pg.
 * Requests cycle through every seeded user's token, so both sides read all rows, not one cached row.
 */

const PATH = '/api/v1/me';
const POOL_SIZE = 10;

const METRICS: MetricSpec<CpuHttpSample>[] = [
  { name: 'requests/s', unit: 'req/s', better: 'higher', target: 0.85, value: (sample) => sample.rps },
  { name: 'latency p50', unit: 'ms', better: 'lower', target: null, value: (sample) => sample.p50 },
  { name: 'latency p99', unit: 'ms', better: 'lower', target: null, value: (sample) => sample.p99 },
  // what a request costs the server, which the neighbours' load on a shared machine moves much less
  { name: 'server CPU per request', unit: 'µs', better: 'lower', target: null, value: (s) => s.cpuPerRequest * 1000 },
];

runMain(async () => {
  const options = parseBenchOptions(process.argv.slice(2));
  console.log(`[bench] http: ${JSON.stringify(options)}`);
  const jwtSecret = randomBytes(32).toString('hex');
  const redisPrefix = await claimRedisPrefix('http');
  const database = await createScratchDatabase('http');
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
  const users = await registerUsers(app, options.users);

  const reference = await startReference('http-reference', {
    databaseUrl: database.url,
    jwtSecret,
    databasePoolSize: POOL_SIZE,
  });
  await assertSameAnswer(app.url, reference.url, users[0].accessToken);

  const bearers = users.map((user) => `Bearer ${user.accessToken}`);
  const pids = new Map([
    [app.url, app.pid],
    [reference.url, reference.pid],
  ]);
  const load = (url: string, duration: number) => {
    // A fresh rotation per run: both sides see the same sequence of users.
    const nextBearer = roundRobin(bearers);
    const headersFor = () => ({ authorization: nextBearer() });
    return withServerCpu(pids.get(url)!, () =>
      runHttpLoad({ url, path: PATH, connections: options.connections, duration, headersFor }),
    );
  };
  const samples = await alternate({
    rounds: options.rounds,
    targets: { app: app.url, reference: reference.url },
    warmup: options.warmup > 0 ? (url) => load(url, options.warmup) : undefined,
    measure: (url) => load(url, options.duration),
    describe: (sample) => `${describeHttpSample(sample)}  CPU ${(sample.cpuPerRequest * 1000).toFixed(0)} µs/request`,
  });

  const result = buildResult('http', summarise({ app: samples.app, reference: samples.reference }, METRICS));
  printTable(result);
  console.log(`[bench] written ${writeResult(result)}`);
  const failed = [...samples.app, ...samples.reference].reduce((sum, sample) => sum + sample.failed, 0);
  if (failed > 0) {
    console.error(`[bench] ${failed} request(s) failed (non-2xx, errors or timeouts): the numbers are not comparable`);
    process.exitCode = 1;
  }
});

/** Both sides must do the same work: same status and the same body for the same token. */
async function assertSameAnswer(appUrl: string, referenceUrl: string, token: string): Promise<void> {
  const [app, reference] = await Promise.all(
    [appUrl, referenceUrl].map(async (url) => {
      const response = await fetch(`${url}${PATH}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, body: (await response.json()) as unknown };
    }),
  );
  if (app.status !== 200 || !isDeepStrictEqual(app, reference)) {
    throw new Error(
      `app and reference answer ${PATH} differently:\n app ${JSON.stringify(app)}\n ref ${JSON.stringify(reference)}`,
    );
  }
}
