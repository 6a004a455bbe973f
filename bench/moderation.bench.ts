import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from './access/sphere-tree';
import { maxSpecs, printScaling, scaling, Scaling, serialSpecs, SCALING_TARGET } from './feed/results';
import { measureSerial, SerialTarget } from './feed/serial';
import { alternate } from './lib/alternate';
import { logIn, registerUsers, startAlveoleApi, startReference } from './lib/alveole-api';
import { Service } from './lib/processes';
import { describeHttpSample, runHttpLoad } from './lib/load';
import { buildResult, Metric, printTable, summarise, writeResult } from './lib/report';
import { round } from './lib/stats';
import { onCleanup, runMain } from './lib/shutdown';
import { claimRedisPrefix, createScratchDatabase, REDIS_URL } from './lib/stores';
import { CpuHttpSample, cpuSpec, withServerCpu } from './lib/server-cpu';
import { explainQueues } from './moderation/explain';
import { parseModerationOptions } from './moderation/options';
import { assertSameQueue, pagePath, Queue } from './moderation/queues';
import { PAGE_SIZE, seedModeration } from './moderation/seed';

/*
 * bench:moderation — the two moderation queues over an organisation of 100,000 cases (national → 12 regions
 * → 15 groups each): an animator's open queue for their sphere, and a regional system manager's escalated
 * queue (GET /organisations/:orgId/moderation/cases, a subtree holding a minority of the cases), page 1 and
 * the deep page (500) by cursor, on the app and on bench/reference/moderation-reference.ts (bare Fastify + pg
 * sending the app's own statements). Serial latency and max throughput, alternating app and reference; then
 * how page cost grows with depth (page 500 over page 1, each side against itself).
 */

const POOL_SIZE = 10;
const THROUGHPUT_TARGET = 0.6;

runMain(async () => {
  const options = parseModerationOptions(process.argv.slice(2));
  console.log(`[bench] moderation: ${JSON.stringify(options)}`);

  const jwtSecret = randomBytes(32).toString('hex');
  const redisPrefix = await claimRedisPrefix('moderation');
  const database = await createScratchDatabase('moderation');
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
  });

  // both register through the route (real argon2 hashes), get their rights in SQL, then log in like clients
  const [animator, manager] = await registerUsers(app, 2);
  const startedSeeding = Date.now();
  const seeded = await seedModeration(database.url, options.cases, animator.id, manager.id);
  const seedSeconds = (Date.now() - startedSeeding) / 1000;
  console.log(
    `[bench] seeded ${options.cases} cases in ${seedSeconds.toFixed(1)} s: ${seeded.openInBusySphere} open in the ` +
      `animator's sphere, ${seeded.escalatedInRegion} escalated in the manager's region ` +
      `(of ${seeded.escalatedInOrganisation} in the organisation)`,
  );
  const needed = options.deepPage * PAGE_SIZE;
  if (seeded.openInBusySphere < needed || seeded.escalatedInRegion < needed)
    throw new Error(`page ${options.deepPage} needs ${needed} cases in each queue: raise --cases`);
  const bearer = async (email: string, index: number) =>
    `Bearer ${await logIn(app, email, `bench-password-${index}-long`)}`;
  const queues: Queue[] = [
    {
      name: 'sphere queue',
      path: `/api/v1/spheres/${seeded.busySphereId}/moderation/cases`,
      authorization: await bearer(animator.email, 0),
    },
    {
      name: 'manager queue',
      path: `/api/v1/organisations/${seeded.organisationId}/moderation/cases`,
      authorization: await bearer(manager.email, 1),
    },
  ];

  const reference = await startReference('moderation-reference', {
    databaseUrl: database.url,
    jwtSecret,
    databasePoolSize: POOL_SIZE,
  });
  const sides = { app: app.url, reference: reference.url };
  const services = { app, reference };
  const deepCursors: string[] = [];
  for (const queue of queues) deepCursors.push(await assertSameQueue(sides, queue, options.deepPage));
  console.log(
    `[bench] both queues walked to page ${options.deepPage}; app and reference answer pages 1 and ${options.deepPage} alike`,
  );
  if (options.explain) {
    const idOf = (cursor: string) => (JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { id: string }).id;
    await explainQueues(database.url, seeded, {
      sphere: idOf(deepCursors[0]),
      manager: idOf(deepCursors[1]),
    });
  }

  // four request kinds: each queue's page 1 and deep page
  const kinds = queues.flatMap((queue, i) => [
    { kind: `${queue.name} page 1`, queue, path: pagePath(queue, null) },
    { kind: `${queue.name} page ${options.deepPage}`, queue, path: pagePath(queue, deepCursors[i]) },
  ]);
  const serialTargets: Record<string, SerialTarget> = {};
  for (const { kind, queue, path } of kinds) {
    serialTargets[`${kind} app`] = { url: app.url, path, authorization: queue.authorization };
    serialTargets[`${kind} reference`] = { url: reference.url, path, authorization: queue.authorization };
  }
  const serial = await measureSerial(serialTargets, [''], options.serial, options.rounds);

  const metrics: Metric[] = [];
  let failed = 0;
  for (const { kind, queue, path } of kinds) {
    metrics.push(
      ...summarise({ app: serial[`${kind} app`], reference: serial[`${kind} reference`] }, serialSpecs(kind)),
    );
    const load = (side: Service, duration: number) =>
      withServerCpu(side.pid, () =>
        runHttpLoad({
          url: side.url,
          path,
          connections: options.connections,
          duration,
          headersFor: () => ({ authorization: queue.authorization }),
        }),
      );
    console.log(`[bench] ${kind}: max throughput`);
    const samples = (await alternate({
      rounds: options.rounds,
      targets: services,
      warmup: options.warmup > 0 ? (side) => load(side, options.warmup) : undefined,
      measure: (side) => load(side, options.duration),
      describe: (sample) => `${describeHttpSample(sample)}  CPU ${sample.cpuPerRequest.toFixed(2)} ms/request`,
    })) as { app: CpuHttpSample[]; reference: CpuHttpSample[] };
    failed += [...samples.app, ...samples.reference].reduce((sum, sample) => sum + sample.failed, 0);
    metrics.push(
      ...summarise(samples, maxSpecs(kind)).map((metric) =>
        metric.target === null ? metric : { ...metric, target: THROUGHPUT_TARGET },
      ),
      ...summarise(samples, [cpuSpec(kind)]),
    );
  }

  const scalings: Scaling[] = queues.flatMap((queue) =>
    scaling(
      metrics,
      serial,
      `${queue.name}: page ${options.deepPage} over page 1`,
      `${queue.name} page ${options.deepPage}`,
      `${queue.name} page 1`,
    ),
  );
  // the depth targets bound each side's own ratio: as metrics, the app's is held to `limit`
  for (const row of scalings.filter((s) => s.target !== null)) {
    metrics.push({
      name: `${row.name} (${row.basis})`,
      unit: '×',
      app: row.app,
      reference: row.reference,
      ratio: round(row.app / row.reference, 3),
      better: 'lower',
      target: null,
      limit: SCALING_TARGET,
    });
  }
  const result = {
    ...buildResult('moderation', metrics),
    scaling: scalings,
    setup: { ...options, seedSeconds: round(seedSeconds), ...seeded },
  };
  printTable(result);
  printScaling(scalings);
  console.log(`[bench] written ${writeResult(result)}`);
  if (failed > 0) {
    console.error(`[bench] ${failed} request(s) failed (non-2xx, errors or timeouts): the numbers are not comparable`);
    process.exitCode = 1;
  }
});
