import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent } from 'typeorm';

/**
 * Runs callbacks once the transaction of an EntityManager has committed (never when it rolls back):
 * realtime pushes must not announce what a rollback undid. Hooked on TypeORM's transaction events.
 */
@Injectable()
export class AfterCommit implements OnModuleInit, EntitySubscriberInterface {
  private readonly logger = new Logger(AfterCommit.name);
  private readonly pending = new WeakMap<QueryRunner, (() => void)[]>();

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  /** Queues `callback` after the commit of `manager`'s transaction; a manager outside one is refused. */
  run(manager: EntityManager, callback: () => void): void {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) throw new Error('after-commit work needs a transaction');
    const queued = this.pending.get(runner);
    if (queued) queued.push(callback);
    else this.pending.set(runner, [callback]);
  }

  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    // a savepoint released inside an outer transaction is not the commit
    if (queryRunner.isTransactionActive) return;
    const callbacks = this.pending.get(queryRunner);
    if (!callbacks) return;
    this.pending.delete(queryRunner);
    for (const callback of callbacks) {
      try {
        callback();
      } catch (error) {
        this.logger.warn(`after-commit work failed: ${(error as Error).message}`);
      }
    }
  }

  afterTransactionRollback({ queryRunner }: { queryRunner: QueryRunner }): void {
    if (!queryRunner.isTransactionActive) this.pending.delete(queryRunner);
  }
}
