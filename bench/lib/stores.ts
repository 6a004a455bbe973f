import Redis from 'ioredis';
import { Client } from 'pg';
import { onCleanup } from './shutdown';

/** Overridable for machines where Postgres or Redis live elsewhere; the defaults are the local dev services. */
export const PG_ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface ScratchDatabase {
  name: string;
  url: string;
}

/** A fresh, empty database for one run, dropped at exit (even after a failure or Ctrl-C). */
export async function createScratchDatabase(label: string): Promise<ScratchDatabase> {
  // The name goes into SQL as an identifier, unquoted: keep it to safe characters.
  if (!/^[a-z0-9_]+$/.test(label)) throw new Error(`database label must match [a-z0-9_]+: ${label}`);
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const name = `alveole_bench_${label}_${stamp}_${process.pid}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  onCleanup(`drop database ${name}`, () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A Redis key prefix no other run uses (the app namespaces queues, rate limits and adapters with it);
 * checks Redis answers now rather than letting the app fail later, and deletes the keys at exit.
 */
export async function claimRedisPrefix(label: string): Promise<string> {
  const prefix = `bench-${label}-${Date.now().toString(36)}-${process.pid}`;
  await withRedis((redis) => redis.ping());
  onCleanup(`delete redis keys ${prefix}*`, () => withRedis((redis) => deleteKeys(redis, `${prefix}*`)));
  return prefix;
}

async function withRedis<T>(work: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  await redis.connect();
  try {
    return await work(redis);
  } finally {
    redis.disconnect();
  }
}

async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
