import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
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

/** Starts the built api (`npm run build` first); it runs its migrations before /health/ready answers 200. */
export async function startAlveoleApi(settings: ApiSettings): Promise<Service> {
  const root = repoRoot();
  const entry = join(root, 'dist', 'apps', 'api', 'src', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  warnIfStale(root, statSync(entry).mtimeMs);
  const port = await freePort();
  return startService({
    name: 'app',
    command: process.execPath,
    args: [entry],
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
      REDIS_URL: settings.redisUrl,
      REDIS_PREFIX: settings.redisPrefix,
      JWT_SECRET: settings.jwtSecret,
      DATA_DIR: settings.dataDir,
      // Seeding registers every user from one IP; a full-size run also outlives the default 15-minute token.
      REGISTER_MAX_PER_HOUR: '1000000',
      ACCESS_TOKEN_TTL_SECONDS: String(24 * 3600),
      ...settings.extraEnv,
    },
  });
}

/** Registers users through the public route, so rows, hashes and tokens are what real clients get. */
export async function registerUsers(baseUrl: string, count: number, concurrency = 8): Promise<SeededUser[]> {
  const users: SeededUser[] = new Array<SeededUser>(count);
  let next = 0;
  const startedAt = Date.now();
  const worker = async () => {
    while (next < count) {
      const index = next++;
      users[index] = await registerUser(baseUrl, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
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

/** Benchmarking an old build by mistake is easy: say so when sources changed after dist was built. */
function warnIfStale(root: string, builtAt: number): void {
  const newer = ['apps', 'libs', 'migrations'].flatMap((dir) => newerFiles(join(root, dir), builtAt));
  if (newer.length > 0) {
    console.warn(`[bench] warning: ${newer.length} source file(s) changed since the last build, e.g. ${newer[0]}`);
  }
}

function newerFiles(dir: string, since: number): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return newerFiles(path, since);
    return entry.name.endsWith('.ts') && statSync(path).mtimeMs > since ? [path] : [];
  });
}
