import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { apiNodeFlags } from './api-node-flags';
import { repoRoot } from './paths';
import { freePort, LOOPBACK, Service, startService } from './processes';

export interface ApiSettings {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  jwtSecret: string;
  /** Same value given to the reference, so both hold the same number of connections. */
  databasePoolSize: number;
  dataDir: string;
  extraEnv?: Record<string, string>;
}

export interface SeededUser {
  id: string;
  email: string;
  accessToken: string;
}

/**
 * Both sides keep idle connections alike (the app's default): with pg's 10 s, each side's pool emptied while
 * the other side had its round, and every round began with new backends and first plans, which made the p99.
 */
const POOL_IDLE_SECONDS = '600';

/** Starts the built api (`npm run build` first); it runs its migrations before /health/ready answers 200. */
export async function startAlveoleApi(settings: ApiSettings): Promise<Service> {
  const root = repoRoot();
  const entry = join(root, 'dist', 'apps', 'api', 'src', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  warnIfStale(root, ['apps', 'libs', 'migrations']);
  const port = await freePort();
  return startService({
    name: 'app',
    ...nodeRunning(root, entry, process.env.BENCH_APP_NODE_ARGS),
    cwd: root,
    port,
    healthPath: '/health/ready',
    startTimeoutMs: 120_000,
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: LOOPBACK,
      PORT: String(port),
      PUBLIC_URL: `http://${LOOPBACK}:${port}`,
      DATABASE_URL: settings.databaseUrl,
      DATABASE_POOL_SIZE: String(settings.databasePoolSize),
      DATABASE_POOL_IDLE_SECONDS: POOL_IDLE_SECONDS,
      REDIS_URL: settings.redisUrl,
      REDIS_PREFIX: settings.redisPrefix,
      JWT_SECRET: settings.jwtSecret,
      DATA_DIR: settings.dataDir,
      // Seeding registers every user from one IP; a full-size run also outlives the default 15-minute token.
      REGISTER_MAX_PER_HOUR: '1000000',
      ACCESS_TOKEN_TTL_SECONDS: String(24 * 3600),
      // Below the SIGTERM grace of stopChild, so the app's own shutdown runs to its end.
      SHUTDOWN_GRACE_MS: '5000',
      ...settings.extraEnv,
      ...experimentEnv(process.env.BENCH_APP_ENV),
    },
  });
}

/** BENCH_APP_ENV='COMPRESSION=false LOG_LEVEL=info': settings for the app only, to measure what one costs. */
function experimentEnv(spec: string | undefined): Record<string, string> {
  const pairs = (spec ?? '').split(' ').filter(Boolean);
  return Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
}

/** Registers users through the public route, so rows, hashes and tokens are what real clients get. */
export async function registerUsers(api: Service, count: number, concurrency = 8): Promise<SeededUser[]> {
  const users: SeededUser[] = new Array<SeededUser>(count);
  let next = 0;
  const startedAt = Date.now();
  const worker = async () => {
    while (next < count) {
      const index = next++;
      users[index] = await registerUser(api.url, index);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  } catch (error) {
    // The answer is a generic problem document; the cause is in the app's log.
    throw new Error(`${(error as Error).message}\n--- app output ---\n${api.logTail()}`);
  }
  console.log(`[bench] seeded ${count} users in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  return users;
}

async function registerUser(baseUrl: string, index: number): Promise<SeededUser> {
  const email = `bench-user-${index}@example.com`;
  const response = await fetch(`${baseUrl}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: `bench-password-${index}-long`, displayName: `Bench User ${index}` }),
  });
  const body = (await response.json()) as { user?: { id: string }; accessToken?: string };
  if (response.status !== 201 || !body.user || !body.accessToken) {
    throw new Error(`register ${email}: HTTP ${response.status} ${JSON.stringify(body)}`);
  }
  return { id: body.user.id, email, accessToken: body.accessToken };
}

/**
 * Benchmarking an old build by mistake is easy: say so when a source is newer than its own output
 * (not than main.js: incremental builds leave unchanged outputs untouched).
 */
function warnIfStale(root: string, dirs: string[]): void {
  const stale = dirs.flatMap((dir) => staleSources(root, dir));
  if (stale.length > 0) {
    console.warn(`[bench] warning: ${stale.length} source file(s) newer than dist/ (e.g. ${stale[0]}): npm run build?`);
  }
}

function staleSources(root: string, dir: string): string[] {
  const absolute = join(root, dir);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (path === join('apps', 'web')) return []; // the web client builds to dist/web, not through tsc
    if (entry.isDirectory()) return staleSources(root, path);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts') || entry.name.endsWith('.spec.ts')) return [];
    const output = join(root, 'dist', path.replace(/\.ts$/, '.js'));
    return !existsSync(output) || statSync(join(root, path)).mtimeMs > statSync(output).mtimeMs ? [path] : [];
  });
}

/**
 * Starts a reference server from bench/reference/ on the same database, JWT secret and pool size as
 * the app, so the two sides differ only in the code between the socket and the database.
 */
export async function startReference(
  script: string,
  settings: Pick<ApiSettings, 'databaseUrl' | 'jwtSecret' | 'databasePoolSize' | 'extraEnv'>,
): Promise<Service> {
  const root = repoRoot();
  // compiled by `npm run build`, as the app: through ts-node a reference would also carry ts-node's import of
  // node:repl, which loads node:domain (an async hook, a patched EventEmitter), which the app never loads
  const entry = join(root, 'dist', 'bench', 'reference', `${script}.js`);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  warnIfStale(root, [join('bench', 'reference')]); // the libs it imports are checked with the app
  const port = await freePort();
  return startService({
    name: 'reference',
    ...nodeRunning(root, entry, process.env.BENCH_REFERENCE_NODE_ARGS),
    cwd: root,
    port,
    healthPath: '/health/ready',
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: settings.databaseUrl,
      DATABASE_POOL_SIZE: String(settings.databasePoolSize),
      DATABASE_POOL_IDLE_SECONDS: POOL_IDLE_SECONDS,
      JWT_SECRET: settings.jwtSecret,
      ...settings.extraEnv,
    },
  });
}

/**
 * node running `entry` as `npm start` runs the api (its flags, see api-node-flags.ts), for the app and the
 * reference alike: the two sides differ in their code, not in how node runs it. Then extra flags for one side
 * of a run, e.g. BENCH_APP_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' (node refuses --cpu-prof in
 * NODE_OPTIONS, and the children get a clean environment anyway).
 */
function nodeRunning(root: string, entry: string, extra: string | undefined) {
  const extraFlags = extra?.split(' ').filter(Boolean) ?? [];
  return { command: process.execPath, args: [...apiNodeFlags(root), ...extraFlags, entry] };
}

/** An access token from the login route, as a client gets it (after the bench gave the user their rights). */
export async function logIn(api: Service, email: string, password: string): Promise<string> {
  const response = await fetch(`${api.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { accessToken?: string };
  if (response.status !== 200 && response.status !== 201) throw new Error(`login ${email}: HTTP ${response.status}`);
  if (!body.accessToken) throw new Error(`login ${email}: no access token in ${JSON.stringify(body)}`);
  return body.accessToken;
}
