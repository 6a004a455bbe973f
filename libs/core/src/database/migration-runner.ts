import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';

// Any constant shared by every Alveole process; pg_advisory_lock takes a bigint key.
const MIGRATION_LOCK_KEY = 4_716_321_001;

/**
 * Applies pending migrations when the api starts. Several api replicas may start at once and
 * TypeORM takes no lock of its own, so on PostgreSQL the run holds a session advisory lock: the
 * first replica migrates, the others wait and then find nothing to do. (PGlite has one session
 * and one process: no lock, and none could be taken without deadlocking its serialised pool.)
 */
@Injectable()
export class MigrationRunner implements OnModuleInit {
  private readonly logger = new Logger(MigrationRunner.name);

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    if (!this.isPostgresServer()) return this.migrate();
    const lock = this.dataSource.createQueryRunner();
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await this.migrate();
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      await lock.release();
    }
  }

  private async migrate(): Promise<void> {
    const applied = await this.dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) this.logger.log(`applied migrations: ${applied.map((m) => m.name).join(', ')}`);
  }

  private isPostgresServer(): boolean {
    return 'url' in this.dataSource.options && Boolean(this.dataSource.options.url);
  }
}
