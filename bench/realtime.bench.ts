import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alternate } from './lib/alternate';
import { startAlveoleApi, startReference } from './lib/alveole-api';
import { buildResult, printTable, summarise, writeResult } from './lib/report';
import { onCleanup, runMain } from './lib/shutdown';
import { claimRedisPrefix, createScratchDatabase, REDIS_URL } from './lib/stores';
import { ClientPool, connectClients } from './realtime/clients';
import { PostSeries, sendPosts } from './realtime/fan-out';
import { inspectorUrl, memoryAfterGc, profiled } from './realtime/inspector';
import { parseRealtimeOptions } from './realtime/options';
import { assertSamePayload, describeSeries, PerSocket, pool, sideMetrics } from './realtime/results';
import { seedSpheres } from './realtime/seed';

/*
 * bench:realtime — one post fanned out to every member of a sphere. 1,000 socket.io clients (distinct
 * members) subscribe to one sphere; each post is timed from just before its POST to the moment the last
 * client got its `post.created`. Three sides: bench/reference/realtime-reference.ts (a bare socket.io
 * server broadcasting the same payload, no database), the app on one node, and the app on two nodes
 * sharing the Redis adapter (clients half on each, POST to the first). All three stay connected and are
 * posted to in alternating rounds. Plus resident memory per socket, app on one node against bare.
 */

const POOL_SIZE = 10;
/** Clients of the warm-up: enough to exercise every path before memory is read, cheap to connect. */
const WARMUP_CLIENTS = 50;

interface Side {
  /** Nodes the clients connect to, round-robin. */
  urls: string[];
  postUrl: string;
  /** The app on one node and on two get a sphere each: node A holds both sets of clients. */
  sphereId: string;
  /** Inspector of the process whose memory is read around the connection of the clients (null: not read). */
  inspector: string | null;
  tag: string;
}

runMain(async () => {
  const options = parseRealtimeOptions(process.argv.slice(2));
  console.log(`[bench] realtime: ${JSON.stringify(options)}`);
  const jwtSecret = randomBytes(32).toString('hex');
  const redisPrefix = await claimRedisPrefix('realtime');
  const database = await createScratchDatabase('realtime');
  const dataDir = mkdtempSync(join(tmpdir(), 'alveole-bench-'));
  onCleanup(`remove ${dataDir}`, () => rmSync(dataDir, { recursive: true, force: true }));

  // both nodes share the database, the secret and the Redis prefix: one deployment behind a balancer
  const settings = {
    databaseUrl: database.url,
    redisUrl: REDIS_URL,
    redisPrefix,
    jwtSecret,
    databasePoolSize: POOL_SIZE,
    dataDir,
    // an inspector on a random loopback port: memory is read after a full GC (realtime/inspector.ts)
    extraEnv: { NODE_OPTIONS: `--inspect=127.0.0.1:0 ${process.env.BENCH_APP_NODE_OPTIONS ?? ''}`.trim() },
  };
  const nodeA = await startAlveoleApi(settings); // runs the migrations before it answers ready
  const startedSeeding = Date.now();
  const seeded = await seedSpheres(database.url, jwtSecret, options.clients, 2);
  console.log(`[bench] seeded ${options.clients} members of 2 spheres in ${Date.now() - startedSeeding} ms`);
  const nodeB = await startAlveoleApi(settings);
  const reference = await startReference('realtime-reference', {
    databaseUrl: database.url,
    jwtSecret,
    databasePoolSize: POOL_SIZE,
  });

  const [sphereOne, sphereTwo] = seeded.sphereIds;
  const sides: Record<string, Side> = {
    bare: {
      urls: [reference.url],
      postUrl: reference.url,
      sphereId: sphereOne,
      inspector: inspectorUrl(reference.logTail(), 'reference'),
      tag: 'bare',
    },
    app: {
      urls: [nodeA.url],
      postUrl: nodeA.url,
      sphereId: sphereOne,
      inspector: inspectorUrl(nodeA.logTail(), 'app'),
      tag: 'app1',
    },
    'app 2 nodes': {
      urls: [nodeA.url, nodeB.url],
      postUrl: nodeA.url,
      sphereId: sphereTwo,
      inspector: null,
      tag: 'app2',
    },
  };
  const tokens = seeded.users.map((user) => user.accessToken);
  const connect = (side: Side, clients: number) =>
    connectClients({
      urls: side.urls,
      tokens: tokens.slice(0, clients),
      sphereId: side.sphereId,
      batch: options.batch,
    });
  const post = (side: Side, clientPool: ClientPool, tag: string, posts: number) =>
    sendPosts({
      postUrl: side.postUrl,
      sphereId: side.sphereId,
      token: tokens[0],
      pool: clientPool,
      posts,
      tag,
      gapMs: options.gap,
    });
  const withPool = async <T>(side: Side, clients: number, work: (clientPool: ClientPool) => Promise<T>) => {
    const clientPool = await connect(side, clients);
    try {
      return await work(clientPool);
    } finally {
      await clientPool.close();
    }
  };

  // same payload on every side, then JIT, pools and caches warm before any memory is read
  await assertSamePayload(sides, (side) =>
    withPool(side, 2, (clientPool) => post(side, clientPool, `${side.tag}-c`, 1)),
  );
  for (const [name, side] of Object.entries(sides)) {
    if (options.warmup === 0) break;
    console.log(
      `[bench] warm-up ${name}: ${Math.min(WARMUP_CLIENTS, options.clients)} clients, ${options.warmup} posts`,
    );
    await withPool(side, Math.min(WARMUP_CLIENTS, options.clients), (clientPool) =>
      post(side, clientPool, `${side.tag}-w`, options.warmup),
    );
  }

  // every side's clients connect once and stay: posts then alternate between sides, round after round
  const pools: Record<string, ClientPool> = {};
  const memory: Record<string, PerSocket | null> = {};
  onCleanup('disconnect the clients', () => Promise.all(Object.values(pools).map((p) => p.close())).then(() => {}));
  for (const [name, side] of Object.entries(sides)) {
    const before = side.inspector === null ? null : await memoryAfterGc(side.inspector);
    pools[name] = await connect(side, options.clients);
    const after = side.inspector === null ? null : await memoryAfterGc(side.inspector);
    const kib = (bytes: number) => bytes / pools[name].size / 1024;
    memory[name] =
      before && after ? { rss: kib(after.rss - before.rss), heap: kib(after.heapUsed - before.heapUsed) } : null;
    const perSocket = memory[name]
      ? `; after a full GC, per socket: ${memory[name].rss.toFixed(1)} KiB resident, ${memory[name].heap.toFixed(1)} KiB of heap`
      : '';
    console.log(
      `[bench] ${name}: ${options.clients} clients connected and subscribed in ` +
        `${pools[name].connectMs.toFixed(0)} ms${perSocket}`,
    );
  }

  const postsIn = (round: number) =>
    Math.floor((options.posts * round) / options.rounds) - Math.floor((options.posts * (round - 1)) / options.rounds);
  const inspectors = {
    reference: sides.bare.inspector!,
    'app A': sides.app.inspector!,
    'app B': inspectorUrl(nodeB.logTail(), 'app B'),
  };
  const samples = await profiled(process.env.BENCH_CPU_PROFILE_DIR, inspectors, () =>
    alternate<Side, PostSeries>({
      rounds: options.rounds,
      targets: sides,
      measure: (side, name, round) => post(side, pools[name], `${side.tag}-r${round}`, postsIn(round)),
      describe: describeSeries,
    }),
  );

  const pooled = Object.fromEntries(
    Object.entries(samples).map(([name, series]) => [name, pool(series, pools[name].connectMs, memory[name])]),
  );
  const metrics = [
    ...summarise({ app: [pooled.app], reference: [pooled.bare] }, sideMetrics('1 node', options.clients, 1.5, true)),
    ...summarise(
      { app: [pooled['app 2 nodes']], reference: [pooled.bare] },
      sideMetrics('2 nodes', options.clients, 2, false),
    ),
  ];
  const result = buildResult('realtime', metrics);
  printTable(result);
  console.log(
    `[bench] ${options.clients} clients per side, ${options.posts} posts per side in ${options.rounds} rounds ` +
      `(percentiles over all of them); "reference" is the bare socket.io server in every row`,
  );
  console.log(`[bench] written ${writeResult(result)}`);

  const all = Object.values(samples).flat();
  const failed = all.reduce((sum, series) => sum + series.failed, 0);
  const strays = Object.values(pools).reduce((sum, clientPool) => sum + clientPool.tracker.strays, 0);
  if (failed > 0 || strays > 0) {
    const first = all.find((series) => series.firstFailure)?.firstFailure ?? 'none';
    console.error(
      `[bench] ${failed} post(s) failed or were not delivered to every client once, ${strays} stray ` +
        `deliveries (first failure: ${first}): the numbers are not comparable`,
    );
    process.exitCode = 1;
  }
});
