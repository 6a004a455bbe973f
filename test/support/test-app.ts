import 'reflect-metadata';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '@alveole/core';
import { createApp } from '../../apps/api/src/create-app';
import { createWorker } from '../../apps/worker/src/create-worker';
import { checkAgainstDocument, recordResponses } from './record-responses';
import { appDatabaseEnv, TEST_REDIS_URL } from './services';
import { createTestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  url: string;
  http: TestAgent;
  /** Straight to PostgreSQL: the app's own data source, or one beside it when the app goes through PgBouncer. */
  db: DataSource;
  env: Record<string, string>;
  /** The worker, when started with `withWorker` (to run a job's service by hand). */
  worker?: Awaited<ReturnType<typeof createWorker>>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra or overriding environment variables; `REDIS_URL: ''` runs without Redis. */
  env?: Record<string, string>;
  /** Reuse another app's database and Redis prefix (two api nodes of one instance). */
  sharing?: TestApp;
  /**
   * Also run a worker (outbox relay, BullMQ consumers, every context's subscribers) in this process,
   * as production runs one beside the api: durable events then reach their subscribers, and users
   * the realtime messages that go through the outbox. Needs Redis.
   */
  withWorker?: boolean;
  /** Straight to PostgreSQL with named prepared statements, even when the run goes through PgBouncer. */
  direct?: boolean;
}

/** The real api on a fresh clone of the migrated database, its own Redis prefix, on a random port. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.sharing ? undefined : await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'alveole-test-'));
  const env: Record<string, string> = options.sharing
    ? { ...options.sharing.env, ...options.env }
    : {
        NODE_ENV: 'test',
        ...appDatabaseEnv(database!.name, { direct: options.direct }),
        DATABASE_POOL_SIZE: '5',
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: `test-${randomBytes(5).toString('hex')}`,
        JWT_SECRET: randomBytes(32).toString('hex'),
        DATA_DIR: dataDir,
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
        OUTBOX_POLL_MS: '200',
        ...options.env,
      };
  const config = loadConfig(env);
  const app = await createApp(config);
  const recorded = recordResponses(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = await app.getUrl();
  const worker = options.withWorker ? await createWorker(config) : undefined;
  // the app's own pool (through PgBouncer when the run asks): tests hand its transactions to the app's
  // services, whose after-commit work (realtime pushes) hangs on this very DataSource
  const db = app.get(DataSource);
  return {
    app,
    config,
    url: url.replace('[::1]', '127.0.0.1'),
    http: request(app.getHttpServer()),
    db,
    env,
    worker,
    /** Fails the test file when an answer broke the OpenAPI document (after cleaning up). */
    async close() {
      await worker?.close();
      const violations = await checkAgainstDocument(app, recorded).catch((error: Error) => [
        `the served document could not be read: ${error.message}`,
      ]);
      await app.close();
      if (!options.sharing) {
        await database?.drop();
        if (config.redisUrl) await deleteKeys(config.redisUrl, config.redisPrefix);
      }
      rmSync(dataDir, { recursive: true, force: true });
      if (violations.length > 0) {
        throw new Error(`${violations.length} answers break the OpenAPI document:\n  ${violations.join('\n  ')}`);
      }
    },
  };
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // best effort: a test that stopped Redis on purpose leaves nothing to clean
  } finally {
    redis.disconnect();
  }
}
