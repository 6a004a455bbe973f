import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { openDataSource } from './database-unavailable';

// Any constant shared by every Alveole process; pg_advisory_lock takes a bigint key.
const MIGRATION_LOCK_KEY = 4_716_321_001;

/**
 * Applies pending migrations when the api starts. Several api replicas may start at once and
 * TypeORM takes no lock of its own, so on PostgreSQL the run holds a session advisory lock: the
 * first replica migrates, the others wait and then find nothing to do. (PGlite has one session
 * and one process: no lock, and none could be taken without deadlocking its serialised pool.)
 * Behind a pooler in transaction mode the lock could be taken on one server session and released
 * on another, so the run then opens a short-lived pool of its own on DATABASE_DIRECT_URL.
 */
@Injectable()
export class MigrationRunner implements OnModuleInit {
  private readonly logger = new Logger(MigrationRunner.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const { databaseUrl, databaseDirectUrl } = this.config;
    if (!databaseUrl || !databaseDirectUrl) return this.migrate(this.dataSource);
    const separate = databaseDirectUrl !== databaseUrl;
    const dataSource = separate
      ? await openDataSource(
          dataSourceOptions({ ...this.config, databaseUrl: databaseDirectUrl, databasePoolSize: 2 }, []),
        )
      : this.dataSource;
    try {
      await this.migrateLocked(dataSource);
    } finally {
      if (separate) await dataSource.destroy();
    }
  }

  private async migrateLocked(dataSource: DataSource): Promise<void> {
    const lock = dataSource.createQueryRunner();
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await this.migrate(dataSource);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      await lock.release();
    }
  }

  private async migrate(dataSource: DataSource): Promise<void> {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) this.logger.log(`applied migrations: ${applied.map((m) => m.name).join(', ')}`);
  }
}
