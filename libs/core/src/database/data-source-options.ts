import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { allMigrations } from '../../../../migrations';
import { AppConfig } from '../config/app-config';
import { DatabasePool } from './database-pool';
import { pgliteDriverModule } from './serialised-pglite-pool';

export type DatabaseKind = 'postgres' | 'pglite';

export function databaseKind(config: Pick<AppConfig, 'databaseUrl'>): DatabaseKind {
  return config.databaseUrl ? 'postgres' : 'pglite';
}

/**
 * One description of the database for the api, the worker, the CLI and the tests.
 * Without DATABASE_URL, an embedded PGlite database under DATA_DIR/pglite (serialised sessions).
 */
export function dataSourceOptions(
  config: Pick<AppConfig, 'databaseUrl' | 'databasePoolSize' | 'dataDir'> &
    Partial<Pick<AppConfig, 'databasePoolIdleSeconds'>>,
  entities: DataSourceOptions['entities'],
  options: { runMigrations?: boolean; pool?: DatabasePool } = {},
): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities,
    migrations: allMigrations,
    migrationsRun: options.runMigrations ?? false,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    installExtensions: false,
  };
  if (config.databaseUrl) {
    const driver = options.pool?.driverFor();
    return {
      ...common,
      driver,
      url: config.databaseUrl,
      poolSize: config.databasePoolSize,
      // unset (tools, tests): pg's default; 0: pg-pool never closes them
      extra: {
        idleTimeoutMillis:
          config.databasePoolIdleSeconds === undefined ? undefined : config.databasePoolIdleSeconds * 1000,
      },
      applicationName: 'alveole',
      // a database that does not answer (wrong host, firewall) fails the connection instead of hanging
      connectTimeoutMS: 5000,
    };
  }
  const dir = join(config.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const pglite = pgliteDriverModule(dir);
  return { ...common, driver: options.pool?.driverFor(pglite) ?? pglite, database: 'postgres', poolSize: 1 };
}
