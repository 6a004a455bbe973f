import { randomBytes } from 'node:crypto';
import { appDatabaseEnv, databaseUrl, withAdminClient } from './services';

export interface TestDatabase {
  name: string;
  /** Straight to PostgreSQL: for the test's own queries. */
  url: string;
  /** DATABASE_URL and friends for an app on it (through PgBouncer when the run uses one). */
  env: Record<string, string>;
  drop: () => Promise<void>;
}

/** A database of its own for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env.ALVEOLE_TEST_TEMPLATE;
  if (!template) throw new Error('ALVEOLE_TEST_TEMPLATE is unset: run the e2e tests through jest (global setup)');
  const name = `alveole_t_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return {
    name,
    url: databaseUrl(name),
    env: appDatabaseEnv(name),
    drop: () =>
      withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
