import { createHash, randomBytes } from 'node:crypto';
import { get, IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from './access/sphere-tree';
import { seedFanout } from './fanout/seed';
import { alternate } from './lib/alternate';
import { registerUsers, startAlveoleApi, startReference } from './lib/alveole-api';
import { Service } from './lib/processes';
import { buildResult, MetricSpec, printTable, summarise, writeResult } from './lib/report';
import { round } from './lib/stats';
import { onCleanup, runMain } from './lib/shutdown';
import { claimRedisPrefix, createScratchDatabase, REDIS_URL } from './lib/stores';

/*
 * bench:documents — moving a 20 MB file through the api: `POST /spheres/:id/documents` (multipart) and
 * `GET /documents/:id/content`, against bench/reference/documents-reference.ts, a bare Fastify server
 * streaming the same bytes to and from the same storage driver (local, the same DATA_DIR/files). Each
 * round is one upload then three downloads per side, app and reference alternating: a round lasts a tenth
 * of a second or two, so a burst of other work on the machine lands on a round or two of either side, and
 * the medians of many rounds leave it out. Throughput in MB/s (10^6 bytes).
 */

const POOL_SIZE = 10;
const ROUNDS = Number(process.env.BENCH_DOCUMENTS_ROUNDS ?? 30);
const FILE_BYTES = Number(process.env.BENCH_DOCUMENTS_MB ?? 20) * 1_000_000;
/** A download takes half an upload's time: three make a sample as long, and as steady. */
const DOWNLOADS_PER_ROUND = 3;
const TARGET = 0.7;

interface Side {
  service: Service;
  authorization: string;
  sphereId: string;
}

interface Sample {
  upload: number;
  download: number;
}

runMain(async () => {
  const database = await createScratchDatabase('documents');
  const redisPrefix = await claimRedisPrefix('documents');
  const dataDir = mkdtempSync(join(tmpdir(), 'alveole-bench-'));
  onCleanup(`remove ${dataDir}`, () => rmSync(dataDir, { recursive: true, force: true }));
  await runMigrations(database.url);
  const jwtSecret = randomBytes(32).toString('hex');
  const settings = { databaseUrl: database.url, jwtSecret, databasePoolSize: POOL_SIZE };
  const app = await startAlveoleApi({ ...settings, redisUrl: REDIS_URL, redisPrefix, dataDir });
  const [owner] = await registerUsers(app, 1);
  // an organisation with one public sphere the registered user animates (so may post in)
  const { spheres } = await seedFanout(database.url, owner.id, [1]);
  const reference = await startReference('documents-reference', { ...settings, extraEnv: { DATA_DIR: dataDir } });

  const file = pdfLike(FILE_BYTES);
  const sha256 = createHash('sha256').update(file).digest('hex');
  const authorization = `Bearer ${owner.accessToken}`;
  const sides: Record<'app' | 'reference', Side> = {
    app: { service: app, authorization, sphereId: spheres[0].id },
    reference: { service: reference, authorization, sphereId: spheres[0].id },
  };

  // both must store and give back the very bytes, with the same headers, or they do not do the same work
  const documentIds = { app: '', reference: '' };
  for (const name of ['app', 'reference'] as const) {
    const stored = await upload(sides[name], file);
    if (stored.size !== FILE_BYTES || stored.sha256 !== sha256)
      throw new Error(`${name} stored ${JSON.stringify(stored)}, not ${FILE_BYTES} bytes of sha256 ${sha256}`);
    documentIds[name] = stored.id;
    const fetched = await download(sides[name], stored.id, true);
    if (fetched.sha256 !== sha256) throw new Error(`${name} gave back other bytes (sha256 ${fetched.sha256})`);
    console.log(`[bench] ${name}: ${fetched.headers}`);
  }

  const measure = async (side: Side, name: string): Promise<Sample> => {
    const id = documentIds[name as 'app' | 'reference'];
    const uploadBegun = performance.now();
    await upload(side, file);
    const uploadSeconds = (performance.now() - uploadBegun) / 1000;
    const downloadBegun = performance.now();
    for (let index = 0; index < DOWNLOADS_PER_ROUND; index += 1) await download(side, id, false);
    const downloadSeconds = (performance.now() - downloadBegun) / 1000;
    const megabytes = FILE_BYTES / 1_000_000;
    return { upload: megabytes / uploadSeconds, download: (DOWNLOADS_PER_ROUND * megabytes) / downloadSeconds };
  };
  const samples = (await alternate({
    rounds: ROUNDS,
    targets: sides,
    warmup: async (side, name) => {
      for (let index = 0; index < 3; index += 1) await measure(side, name);
    },
    measure,
    describe: (sample) => `upload ${sample.upload.toFixed(1)} MB/s  download ${sample.download.toFixed(1)} MB/s`,
  })) as { app: Sample[]; reference: Sample[] };

  const megabytes = FILE_BYTES / 1_000_000;
  const specs: MetricSpec<Sample>[] = [
    {
      name: `upload ${megabytes} MB (multipart)`,
      unit: 'MB/s',
      better: 'higher',
      target: TARGET,
      value: (s) => s.upload,
    },
    { name: `download ${megabytes} MB`, unit: 'MB/s', better: 'higher', target: TARGET, value: (s) => s.download },
  ];
  const result = {
    ...buildResult('documents', summarise(samples, specs)),
    setup: { rounds: ROUNDS, downloadsPerRound: DOWNLOADS_PER_ROUND, fileBytes: FILE_BYTES, driver: 'local' },
    samples: {
      app: samples.app.map((s) => ({ upload: round(s.upload), download: round(s.download) })),
      reference: samples.reference.map((s) => ({ upload: round(s.upload), download: round(s.download) })),
    },
  };
  printTable(result);
  console.log(`[bench] written ${writeResult(result)}`);
});

/** `bytes` bytes that sniff as a PDF (the default allow-list has it): a header, then random bytes. */
function pdfLike(bytes: number): Buffer {
  const file = randomBytes(bytes);
  file.write('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n', 0, 'latin1');
  return file;
}

async function upload(side: Side, file: Buffer): Promise<{ id: string; size: number; sha256: string }> {
  const form = new FormData();
  form.append('file', new Blob([file], { type: 'application/pdf' }), 'rapport-annuel.pdf');
  const response = await fetch(`${side.service.url}/api/v1/spheres/${side.sphereId}/documents`, {
    method: 'POST',
    headers: { authorization: side.authorization },
    body: form,
  });
  if (response.status !== 201) {
    throw new Error(`${side.service.name} upload: HTTP ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as { id: string; size: number; sha256: string };
}

/**
 * Reads the whole body, on a new connection each time (node:http: undici's web streams cost more CPU
 * than the server's side of a download on this 2-core machine, and a kept connection carried its state
 * from round to round). Hashes only when asked: the client's hashing would otherwise dominate.
 */
async function download(side: Side, id: string, hash: boolean): Promise<{ sha256: string; headers: string }> {
  const url = `${side.service.url}/api/v1/documents/${id}/content`;
  const response = await new Promise<IncomingMessage>((resolve, reject) =>
    get(url, { agent: false, headers: { authorization: side.authorization } }, resolve).once('error', reject),
  );
  const digest = hash ? createHash('sha256') : null;
  let size = 0;
  for await (const chunk of response) {
    digest?.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  if (response.statusCode !== 200 || size !== FILE_BYTES) {
    throw new Error(`${side.service.name} download: HTTP ${response.statusCode}, ${size} bytes, not ${FILE_BYTES}`);
  }
  const headers = ['content-type', 'content-disposition', 'etag', 'x-content-type-options']
    .map((name) => `${name}: ${response.headers[name]}`)
    .join('; ');
  return { sha256: digest?.digest('hex') ?? '', headers };
}
