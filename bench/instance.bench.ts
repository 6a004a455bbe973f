import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { alternate } from './lib/alternate';
import { startAlveoleApi, startReference } from './lib/alveole-api';
import { parseBenchOptions } from './lib/cli-options';
import { describeHttpSample, roundRobin, runHttpLoad } from './lib/load';
import { buildResult, MetricSpec, printTable, summarise, writeResult } from './lib/report';
import { CpuHttpSample, withServerCpu } from './lib/server-cpu';
import { onCleanup, runMain } from './lib/shutdown';
import { claimRedisPrefix, createScratchDatabase, REDIS_URL } from './lib/stores';

/*
 * bench:instance — GET /api/v1/instance (the public brand, ETag, cache-control: no-cache) on the app
 * and on bench/reference/instance-reference.ts: bare Fastify answering the same JSON text and ETag
 * from memory. The brand does not change during the run, so the reference is what a brand cache can
 * reach at best; the ratio is what the app's pipeline (Nest, hooks, headers, and today a query) costs.
 */

const PATH = '/api/v1/instance';
const POOL_SIZE = 10;

const METRICS: MetricSpec<CpuHttpSample>[] = [
  { name: 'requests/s', unit: 'req/s', better: 'higher', target: 0.8, value: (sample) => sample.rps },
  { name: 'latency p50', unit: 'ms', better: 'lower', target: null, value: (sample) => sample.p50 },
  { name: 'latency p99', unit: 'ms', better: 'lower', target: null, value: (sample) => sample.p99 },
  // The load generator shares the 2 cores: near the reference's rate it is the bottleneck, which squeezes
  // the requests/s ratio towards 1. The CPU a request costs the server is not bounded by the client.
  {
    name: 'server CPU per request',
    unit: 'µs',
    better: 'lower',
    target: null,
    value: (sample) => sample.cpuPerRequest * 1000,
  },
];

interface Answer {
  status: number;
  body: string;
  etag: string | null;
  cacheControl: string | null;
  contentType: string | null;
}

runMain(async () => {
  const options = parseBenchOptions(process.argv.slice(2));
  console.log(`[bench] instance: ${JSON.stringify({ ...options, users: undefined })}`);
  const jwtSecret = randomBytes(32).toString('hex');
  const redisPrefix = await claimRedisPrefix('instance');
  const database = await createScratchDatabase('instance');
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
  const brand = await fetchAnswer(app.url);
  if (brand.status !== 200 || !brand.etag) {
    throw new Error(`the app answers ${PATH} with ${brand.status}, ETag ${brand.etag}: nothing to compare`);
  }
  const etag = brand.etag;
  const reference = await startReference('instance-reference', {
    databaseUrl: database.url,
    jwtSecret,
    databasePoolSize: POOL_SIZE,
    extraEnv: { INSTANCE_BODY: brand.body, INSTANCE_ETAG: etag },
  });
  await assertSameAnswers(app.url, reference.url, etag);

  // Every other request revalidates (If-None-Match: the current ETag, answered 304 without a body).
  // `no-cache` makes a browser revalidate its copy on each page load, so most real requests are 304s
  // and only first visits and brand changes get the body; half and half weighs both paths, the
  // cheaper 304 on each side alike, so neither side can win on the mix.
  const variants: Record<string, string>[] = [{}, { 'if-none-match': etag }];
  const pids = new Map([
    [app.url, app.pid],
    [reference.url, reference.pid],
  ]);
  const load = (url: string, duration: number) => {
    const nextHeaders = roundRobin(variants); // a fresh rotation per run: both sides see the same sequence
    const run = () =>
      runHttpLoad({
        url,
        path: PATH,
        connections: options.connections,
        duration,
        headersFor: nextHeaders,
        alsoOk: [304],
      });
    return withServerCpu(pids.get(url)!, run);
  };
  const samples = await alternate({
    rounds: options.rounds,
    targets: { app: app.url, reference: reference.url },
    warmup: options.warmup > 0 ? (url) => load(url, options.warmup) : undefined,
    measure: (url) => load(url, options.duration),
    describe: (sample) => `${describeHttpSample(sample)}  CPU ${(sample.cpuPerRequest * 1000).toFixed(0)} µs/request`,
  });

  const result = buildResult('instance', summarise({ app: samples.app, reference: samples.reference }, METRICS));
  printTable(result);
  console.log(`[bench] written ${writeResult(result)}`);
  const failed = [...samples.app, ...samples.reference].reduce((sum, sample) => sum + sample.failed, 0);
  if (failed > 0) {
    console.error(
      `[bench] ${failed} request(s) failed (not 2xx/304, errors or timeouts): the numbers are not comparable`,
    );
    process.exitCode = 1;
  }
});

async function fetchAnswer(baseUrl: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${baseUrl}${PATH}`, { headers });
  return {
    status: response.status,
    body: await response.text(),
    etag: response.headers.get('etag'),
    cacheControl: response.headers.get('cache-control'),
    contentType: response.headers.get('content-type'),
  };
}

/** Both sides must give the same answers: the same JSON text and validator, and 304 to a revalidation. */
async function assertSameAnswers(appUrl: string, referenceUrl: string, etag: string): Promise<void> {
  const requests: Record<string, string>[] = [{}, { 'if-none-match': etag }];
  for (const headers of requests) {
    const [app, reference] = await Promise.all([fetchAnswer(appUrl, headers), fetchAnswer(referenceUrl, headers)]);
    const expected = 'if-none-match' in headers ? 304 : 200;
    if (app.status !== expected || app.etag !== etag || !isDeepStrictEqual(app, reference)) {
      throw new Error(
        `app and reference answer ${PATH} ${JSON.stringify(headers)} differently:\n` +
          ` app ${JSON.stringify(app)}\n ref ${JSON.stringify(reference)}`,
      );
    }
  }
}
