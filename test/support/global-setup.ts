import 'reflect-metadata';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/core/src/database/data-source-options';
import { PGBOUNCER_WANTED, pgbouncerBinary, startPgbouncer } from './pgbouncer';
import { ADMIN_DATABASE_URL, databaseUrl, TEST_REDIS_URL, withAdminClient } from './services';

/**
 * Migrates a template database once per run; each test file clones it (CREATE DATABASE … TEMPLATE),
 * which is much faster than migrating per file. Fails loudly when a service is missing.
 * With ALVEOLE_TEST_PGBOUNCER=1, also starts the PgBouncer the apps then connect through.
 */
export default async function globalSetup(): Promise<void> {
  const pgbouncer = PGBOUNCER_WANTED ? pgbouncerBinary() : undefined;
  const template = `alveole_tpl_${process.pid}_${Date.now()}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE ${template}`)).catch((error: Error) => {
    throw new Error(`PostgreSQL is not reachable for the e2e tests: ${error.message}`);
  });
  const dataSource = new DataSource(
    dataSourceOptions({ databaseUrl: databaseUrl(template), databasePoolSize: 2, dataDir: '.data' }, []),
  );
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
  process.env.ALVEOLE_TEST_TEMPLATE = template;

  const redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis
    .connect()
    .then(() => redis.ping())
    .catch((error: Error) => {
      throw new Error(`Redis is not reachable for the e2e tests: ${error.message}`);
    });
  redis.disconnect();

  if (pgbouncer) await startPgbouncer(pgbouncer, ADMIN_DATABASE_URL);
}
