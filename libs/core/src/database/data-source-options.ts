import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { allMigrations } from '../../../../migrations';
import { AppConfig } from '../config/app-config';
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
  config: Pick<AppConfig, 'databaseUrl' | 'databasePoolSize' | 'dataDir'>,
  entities: DataSourceOptions['entities'],
  options: { runMigrations?: boolean } = {},
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
    return {
      ...common,
      url: config.databaseUrl,
      poolSize: config.databasePoolSize,
      applicationName: 'alveole',
      // a database that does not answer (wrong host, firewall) fails the connection instead of hanging
      connectTimeoutMS: 2500,
    };
  }
  const dir = join(config.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  return { ...common, driver: pgliteDriverModule(dir), database: 'postgres', poolSize: 1 };
}
