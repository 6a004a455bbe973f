import { Client } from 'pg';
import { pgbouncerPort, pooledUrl } from './pgbouncer';

/** Where the e2e tests find PostgreSQL and Redis (the CI script starts them). */
export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The database variables of an app on database `name`: straight to PostgreSQL, or (ALVEOLE_TEST_PGBOUNCER=1)
 * through the run's PgBouncer in transaction mode, the session features direct, no named statements.
 */
export function appDatabaseEnv(name: string, options: { direct?: boolean } = {}): Record<string, string> {
  if (options.direct || !pgbouncerPort()) return { DATABASE_URL: databaseUrl(name) };
  return {
    DATABASE_URL: pooledUrl(ADMIN_DATABASE_URL, name),
    DATABASE_DIRECT_URL: databaseUrl(name),
    DATABASE_PREPARED_STATEMENTS: 'false',
  };
}

export async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
