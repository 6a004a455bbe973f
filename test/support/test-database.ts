import { randomBytes } from 'node:crypto';
import { databaseUrl, withAdminClient } from './services';

/** A database of its own for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const template = process.env.ALVEOLE_TEST_TEMPLATE;
  if (!template) throw new Error('ALVEOLE_TEST_TEMPLATE is unset: run the e2e tests through jest (global setup)');
  const name = `alveole_t_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () =>
      withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
