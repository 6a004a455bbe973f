import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseHelpersModule } from './database/database-helpers.module';
import { dataSourceOptions } from './database/data-source-options';
import { DatabasePool } from './database/database-pool';
import { DatabaseUnavailableError, openDataSource } from './database/database-unavailable';
import { MigrationRunner } from './database/migration-runner';
import { createRootLogger, loggerModule } from './logging/logger.module';
import { OpsModule } from './ops/ops.module';
import { OutboxModule } from './outbox/outbox.module';
import { RedisModule } from './redis/redis.module';

export interface CoreOptions {
  /** Process name in logs. */
  name: 'api' | 'worker';
  /** The root logger, when the caller already made one (the api shares it with Fastify). */
  logger?: Logger;
  /** Only the api runs migrations at start, so two processes never race on them. */
  runMigrations: boolean;
}

/** Configuration, logging, database, Redis, outbox writer, metrics and health: what every process needs. */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, options: CoreOptions): DynamicModule {
    const pool = new DatabasePool();
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(config),
        loggerModule(options.logger ?? createRootLogger(config, `alveole-${options.name}`)),
        TypeOrmModule.forRootAsync({
          useFactory: () => {
            // retried quietly while the cause may pass (a database restarting), for 2 s at most, so
            // that a wrong DATABASE_URL stops the process within 10 s with one line saying why
            const giveUpAt = Date.now() + 2000;
            return {
              ...dataSourceOptions(config, [], { pool }),
              autoLoadEntities: true,
              retryAttempts: 100,
              retryDelay: 1000,
              toRetry: (error: unknown) =>
                error instanceof DatabaseUnavailableError && error.transient && Date.now() < giveUpAt,
            };
          },
          dataSourceFactory: (options) => openDataSource(options!),
        }),
        DatabaseHelpersModule.withPool(pool),
        RedisModule,
        OutboxModule,
        OpsModule,
      ],
      providers: options.runMigrations ? [MigrationRunner] : [],
    };
  }
}
