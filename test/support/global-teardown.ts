import { stopPgbouncer } from './pgbouncer';
import { withAdminClient } from './services';

export default async function globalTeardown(): Promise<void> {
  await stopPgbouncer();
  const template = process.env.ALVEOLE_TEST_TEMPLATE;
  if (template) await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`));
}
