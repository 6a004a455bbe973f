import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { ABILITY_METRICS, assertSameAnswers, buildAbilityWorkload, measureAbilityCost } from './access/ability-cost';
import { Listing, listAll, pagePath } from './access/listing';
import { MANAGED_REGION, REGIONS, runMigrations, seedSphereTree, THEMATIC } from './access/sphere-tree';
import { alternate } from './lib/alternate';
import { registerUsers, startAlveoleApi, startReference } from './lib/alveole-api';
import { describeHttpSample, HttpSample, runHttpLoad } from './lib/load';
import { Service } from './lib/processes';
import { buildResult, MetricSpec, printTable, summarise, writeResult } from './lib/report';
import { onCleanup, runMain } from './lib/shutdown';
import { median } from './lib/stats';
import { claimRedisPrefix, createScratchDatabase, REDIS_URL } from './lib/stores';

/*
 * bench:access — what access control costs.
 *  1. In process: building the CASL ability of a user with 200 memberships and checking 10,000 permissions,
 *     against a hand-written function applying the same rules (same answers checked first).
 *  2. Over HTTP: a regional manager lists every sphere they may see in an organisation of 5,000 spheres,
 *     page by page (limit 100), on the app and on bench/reference/access-reference.ts (one SQL query
 *     per page on bare Fastify + pg); then page 1 under load (autocannon).
 */

const POOL_SIZE = 10;
const PAGE_SIZE = 100;

interface AccessOptions {
  spheres: number;
  checks: number;
  rounds: number;
  listings: number;
  duration: number;
  connections: number;
  warmup: number;
}

const DEFAULTS: AccessOptions = {
  spheres: 5000,
  checks: 10_000,
  rounds: 5,
  listings: 3,
  duration: 5,
  connections: 32,
  warmup: 2,
};

const HELP: Record<keyof AccessOptions, string> = {
  spheres: 'spheres in the seeded organisation',
  checks: 'permission checks of part 1',
  rounds: 'alternating rounds per side (part 1, full listing, page-1 load)',
  listings: 'full listings per round (the round keeps their median)',
  duration: 'seconds of page-1 load per round and side',
  connections: 'autocannon connections for the page-1 load',
  warmup: 'seconds of unrecorded page-1 load per side (0 to skip)',
};

interface ListingSample {
  ms: number;
}

const LISTING_METRICS: MetricSpec<ListingSample>[] = [
  { name: 'full listing', unit: 'ms', better: 'lower', target: 2, value: (s) => s.ms },
];

const PAGE_ONE_METRICS: MetricSpec<HttpSample>[] = [
  { name: 'page 1 requests/s', unit: 'req/s', better: 'higher', target: null, value: (s) => s.rps },
  { name: 'page 1 latency p50', unit: 'ms', better: 'lower', target: null, value: (s) => s.p50 },
  { name: 'page 1 latency p99', unit: 'ms', better: 'lower', target: null, value: (s) => s.p99 },
];

runMain(async () => {
  const options = parseOptions(process.argv.slice(2));
  console.log(`[bench] access: ${JSON.stringify(options)}`);

  // ---- part 1: the ability, in process
  const workload = buildAbilityWorkload(options.checks);
  const { allowed } = assertSameAnswers(workload);
  console.log(
    `[bench] ability: ${workload.profile.memberships.length} memberships, ${workload.profile.orgRoles.length} scoped ` +
      `org roles; CASL and the reference agree on all ${options.checks} checks (${allowed} allowed)`,
  );
  const abilitySamples = await measureAbilityCost(workload, Math.max(options.rounds, 5));
  const abilityMetrics = summarise(abilitySamples, ABILITY_METRICS).map((metric) =>
    metric.name === 'build + all checks' ? { ...metric, name: `build + ${options.checks} checks` } : metric,
  );
  printTable(buildResult('access (1) ability', abilityMetrics));

  // ---- part 2: listing the spheres a regional manager sees
  const jwtSecret = randomBytes(32).toString('hex');
  const redisPrefix = await claimRedisPrefix('access');
  const database = await createScratchDatabase('access');
  const dataDir = mkdtempSync(join(tmpdir(), 'alveole-bench-'));
  onCleanup(`remove ${dataDir}`, () => rmSync(dataDir, { recursive: true, force: true }));
  await runMigrations(database.url);

  const app = await startAlveoleApi({
    databaseUrl: database.url,
    redisUrl: REDIS_URL,
    redisPrefix,
    jwtSecret,
    databasePoolSize: POOL_SIZE,
    dataDir,
    extraEnv: process.env.BENCH_APP_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_APP_NODE_OPTIONS } : undefined,
  });
  // the manager registers through the route (a real argon2 hash), then logs in like a client
  const [registered] = await registerUsers(app, 1);
  const startedSeeding = Date.now();
  const tree = await seedSphereTree(database.url, options.spheres, registered.id);
  console.log(
    `[bench] seeded ${tree.spheres} spheres (national → ${REGIONS} regions → groups, ${THEMATIC} thematic) in ` +
      `${((Date.now() - startedSeeding) / 1000).toFixed(1)} s; the manager of region ${MANAGED_REGION} may see ` +
      `${tree.visibleToManager}`,
  );
  const token = await logIn(app, registered.email, 'bench-password-0-long');

  const reference = await startReference('access-reference', {
    databaseUrl: database.url,
    jwtSecret,
    databasePoolSize: POOL_SIZE,
  });

  const pages = await assertSameListing(app, reference, tree.organisationId, token, tree.visibleToManager);
  console.log(`[bench] app and reference list the same ${tree.visibleToManager} spheres in ${pages} pages`);
  for (const side of [app, reference]) {
    const response = await fetch(`${side.url}${pagePath(tree.organisationId, PAGE_SIZE)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const bytes = (await response.arrayBuffer()).byteLength;
    const headers = [...response.headers.keys()].filter((name) => name !== 'date').join(', ');
    console.log(`[bench] page 1 on the ${side.name}: ${bytes} bytes of body; headers ${headers}`);
  }

  const listOnce = async (url: string): Promise<Listing> => listAll(url, tree.organisationId, PAGE_SIZE, token);
  const listingSamples = await alternate<string, ListingSample>({
    rounds: options.rounds,
    targets: { app: app.url, reference: reference.url },
    warmup: async (url) => {
      for (let i = 0; i < 2; i++) await listOnce(url);
    },
    measure: async (url) => {
      const times: number[] = [];
      for (let i = 0; i < options.listings; i++) times.push((await listOnce(url)).ms);
      return { ms: median(times) };
    },
    describe: (s) => `full listing ${s.ms.toFixed(1)} ms (${pages} pages)`,
  });

  const firstPage = pagePath(tree.organisationId, PAGE_SIZE);
  const headersFor = () => ({ authorization: `Bearer ${token}` });
  const load = (url: string, duration: number) =>
    runHttpLoad({ url, path: firstPage, connections: options.connections, duration, headersFor });
  const loadSamples = await alternate({
    rounds: options.rounds,
    targets: { app: app.url, reference: reference.url },
    warmup: options.warmup > 0 ? (url) => load(url, options.warmup) : undefined,
    measure: (url) => load(url, options.duration),
    describe: describeHttpSample,
  });

  const listingMetrics = [
    ...summarise(listingSamples as { app: ListingSample[]; reference: ListingSample[] }, LISTING_METRICS).map(
      (metric) => ({ ...metric, name: `full listing (${pages} pages)` }),
    ),
    ...summarise(loadSamples as { app: HttpSample[]; reference: HttpSample[] }, PAGE_ONE_METRICS),
  ];
  printTable(buildResult(`access (2) listing ${tree.spheres} spheres`, listingMetrics));
  const result = buildResult('access', [...abilityMetrics, ...listingMetrics]);
  console.log(`[bench] written ${writeResult(result)}`);

  const failed = [...loadSamples.app, ...loadSamples.reference].reduce((sum, sample) => sum + sample.failed, 0);
  if (failed > 0) {
    console.error(`[bench] ${failed} request(s) failed (non-2xx, errors or timeouts): the numbers are not comparable`);
    process.exitCode = 1;
  }
});

function parseOptions(argv: string[]): AccessOptions {
  const flags = Object.keys(DEFAULTS) as (keyof AccessOptions)[];
  const { values } = parseArgs({
    args: argv,
    options: {
      ...Object.fromEntries(flags.map((flag) => [flag, { type: 'string' as const }])),
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    for (const flag of flags) console.log(`--${flag.padEnd(12)} ${String(DEFAULTS[flag]).padEnd(6)} ${HELP[flag]}`);
    process.exit(0);
  }
  const options = { ...DEFAULTS };
  for (const flag of flags) {
    const raw = (values as Record<string, unknown>)[flag];
    if (typeof raw !== 'string') continue;
    const value = Number(raw);
    const minimum = flag === 'warmup' ? 0 : 1;
    if (!Number.isInteger(value) || value < minimum) throw new Error(`--${flag} must be an integer ≥ ${minimum}`);
    options[flag] = value;
  }
  return options;
}

async function logIn(app: Service, email: string, password: string): Promise<string> {
  const response = await fetch(`${app.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { accessToken?: string };
  if (response.status !== 200 && response.status !== 201) throw new Error(`login: HTTP ${response.status}`);
  if (!body.accessToken) throw new Error(`login: no access token in ${JSON.stringify(body)}`);
  return body.accessToken;
}

/**
 * Both sides must do the same work: every page equal (items and cursor), the ids in path order, none
 * twice, and as many as the rule counts directly in SQL. Otherwise the run stops.
 */
async function assertSameListing(
  app: Service,
  reference: Service,
  organisationId: string,
  token: string,
  expected: number,
): Promise<number> {
  const [ofApp, ofReference] = [
    await listAll(app.url, organisationId, PAGE_SIZE, token),
    await listAll(reference.url, organisationId, PAGE_SIZE, token),
  ];
  const items = ofApp.pages.flatMap((page) => page.items);
  const problems: string[] = [];
  if (ofApp.pages.length !== ofReference.pages.length)
    problems.push(`${ofApp.pages.length} pages on the app, ${ofReference.pages.length} on the reference`);
  const differing = ofApp.pages.findIndex((page, i) => !isDeepStrictEqual(page, ofReference.pages[i]));
  if (differing >= 0) {
    problems.push(
      `page ${differing + 1} differs:\n app ${JSON.stringify(ofApp.pages[differing]).slice(0, 600)}\n ` +
        `ref ${JSON.stringify(ofReference.pages[differing]).slice(0, 600)}`,
    );
  }
  if (items.length !== expected) problems.push(`${items.length} spheres listed, the rule gives ${expected}`);
  if (new Set(items.map((item) => item.id)).size !== items.length) problems.push('a sphere is listed twice');
  if (items.some((item, i) => i > 0 && items[i - 1].path >= item.path)) problems.push('not in path order');
  if (problems.length > 0) throw new Error(`app and reference do not list the same spheres: ${problems.join('; ')}`);
  return ofApp.pages.length;
}
