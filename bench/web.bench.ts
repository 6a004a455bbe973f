import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Browser, chromium, Page } from 'playwright-core';
import { startAlveoleApi } from './lib/alveole-api';
import { repoRoot } from './lib/paths';
import { buildResult, MetricSpec, printTable, summarise, writeResult } from './lib/report';
import { onCleanup, runMain } from './lib/shutdown';
import { claimRedisPrefix, createScratchDatabase, REDIS_URL } from './lib/stores';
import { ecoGrade, ecoIndex } from './web/ecoindex';
import { measureLoad, PageLoad } from './web/measure';
import { referencePage, serveReference } from './web/reference-page';
import { BENCH_ADMIN, readerRefreshToken, seedFeed } from './web/seed';

/*
 * bench:web — the sphere feed page of the web client, as a member opens it in Chromium with the
 * service worker off: cold (empty cache), then warm (the same tab again). Transferred kilobytes,
 * requests, DOM elements and the EcoIndex they give, against the reference: the same first page of
 * posts as a plain server-rendered page with the client's stylesheet (bench/web/reference-page.ts). Budgets
 * (issue "web client"): ≤ 150 KB and ≤ 25 requests cold, EcoIndex grade A (> 80).
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Posts seeded; the client's first page shows PAGE_SIZE of them, and so does the reference. */
const POSTS = 20;
const PAGE_SIZE = 10;

interface Sample {
  cold: PageLoad;
  warm: PageLoad;
}

// a locator, not waitForFunction: the app's CSP forbids evaluating strings
const feedShown = (page: Page) =>
  page
    .locator('article')
    .nth(PAGE_SIZE - 1)
    .waitFor({ timeout: 30_000 });

async function sample(browser: Browser, url: string, refreshToken?: string): Promise<Sample> {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
  try {
    if (refreshToken) {
      const token = JSON.stringify(refreshToken);
      await context.addInitScript(
        `localStorage.getItem('alveole.refreshToken') || localStorage.setItem('alveole.refreshToken', ${token})`,
      );
    }
    const page = await context.newPage();
    const cold = await measureLoad(context, page, url, feedShown);
    const warm = await measureLoad(context, page, url, feedShown);
    return { cold, warm };
  } finally {
    await context.close();
  }
}

const score = (load: PageLoad) => ecoIndex(load);

const METRICS: MetricSpec<Sample>[] = [
  { name: 'cold: transferred', unit: 'KB', better: 'lower', target: null, value: (s) => s.cold.kilobytes },
  { name: 'cold: requests', unit: 'count', better: 'lower', target: null, value: (s) => s.cold.requests },
  { name: 'cold: DOM elements', unit: 'count', better: 'lower', target: null, value: (s) => s.cold.dom },
  { name: 'cold: EcoIndex', unit: 'score', better: 'higher', target: null, value: (s) => score(s.cold) },
  { name: 'warm: transferred', unit: 'KB', better: 'lower', target: null, value: (s) => s.warm.kilobytes },
  { name: 'warm: requests', unit: 'count', better: 'lower', target: null, value: (s) => s.warm.requests },
  { name: 'warm: EcoIndex', unit: 'score', better: 'higher', target: null, value: (s) => score(s.warm) },
];
/** The budgets, on the app's own figures. */
const LIMITS: Record<string, number> = {
  'cold: transferred': 150,
  'cold: requests': 25,
  'cold: EcoIndex': 81,
  'warm: EcoIndex': 81,
};

runMain(async () => {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { rounds: { type: 'string' } } });
  const rounds = Number(values.rounds ?? 3);
  const webDir = join(repoRoot(), 'dist', 'web');
  if (!existsSync(join(webDir, 'index.html'))) throw new Error('dist/web is missing: run `npm run build` first');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install -y chromium`);

  const database = await createScratchDatabase('web');
  const dataDir = mkdtempSync(join(tmpdir(), 'alveole-bench-'));
  onCleanup(`remove ${dataDir}`, () => rmSync(dataDir, { recursive: true, force: true }));
  const api = await startAlveoleApi({
    databaseUrl: database.url,
    redisUrl: REDIS_URL,
    redisPrefix: await claimRedisPrefix('web'),
    jwtSecret: randomBytes(32).toString('hex'),
    databasePoolSize: 5,
    dataDir,
    extraEnv: { ADMIN_EMAIL: BENCH_ADMIN.email, ADMIN_PASSWORD: BENCH_ADMIN.password },
  });
  const feed = await seedFeed(api, POSTS);
  const reference = await serveReference(referencePage({ ...feed, posts: feed.posts.slice(0, PAGE_SIZE) }, webDir));
  onCleanup('stop the reference page', () => new Promise<void>((resolve) => reference.server.close(() => resolve())));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  onCleanup('close Chromium', () => browser.close());

  const samples: { app: Sample[]; reference: Sample[] } = { app: [], reference: [] };
  for (let round = 1; round <= rounds; round++) {
    samples.app.push(await sample(browser, `${api.url}/spheres/${feed.sphereId}`, await readerRefreshToken(api)));
    samples.reference.push(await sample(browser, `${reference.url}/`));
    const last = samples.app[round - 1];
    console.log(
      `[bench] round ${round}: app cold ${last.cold.kilobytes.toFixed(1)} KB, ${last.cold.requests} requests, ` +
        `${last.cold.dom} elements; warm ${last.warm.kilobytes.toFixed(1)} KB, ${last.warm.requests} requests`,
    );
  }
  const metrics = summarise(samples, METRICS).map((metric) =>
    LIMITS[metric.name] === undefined ? metric : { ...metric, limit: LIMITS[metric.name] },
  );
  const result = buildResult('web', metrics);
  printTable(result);
  for (const metric of metrics.filter((m) => m.name.endsWith('EcoIndex'))) {
    console.log(`${metric.name}: app grade ${ecoGrade(metric.app)}, reference grade ${ecoGrade(metric.reference)}`);
  }
  console.log(`[bench] wrote ${writeResult(result)}`);
});
