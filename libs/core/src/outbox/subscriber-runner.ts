import { Inject, Injectable, Logger } from '@nestjs/common';
import pLimit from 'p-limit';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { StoredEvent } from '../events/domain-event';
import { SubscriberRegistry } from '../events/subscriber-registry';

export type RunOutcome = 'done' | 'duplicate';

/**
 * Runs a subscriber at most once per event: the run is recorded in `processed_jobs` in the same
 * transaction as the subscriber's writes, so a redelivered job (relay retry, BullMQ stall) is skipped.
 *
 * At most pool size − 1 runs hold a connection at once. Every queue has WORKER_CONCURRENCY slots, so a
 * burst (a restarted worker facing ~1,000 fan-out chunks) asked for far more connections than the pool
 * has, and the pool fails a wait longer than its connect timeout: jobs failed and backed off instead of
 * queueing. The one connection left over serves what a run opens beside its own transaction.
 */
@Injectable()
export class SubscriberRunner {
  private readonly logger = new Logger(SubscriberRunner.name);
  private readonly slots: pLimit.Limit;

  constructor(
    private readonly registry: SubscriberRegistry,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.slots = pLimit(Math.max(1, config.databasePoolSize - 1));
  }

  run(subscriberId: string, event: StoredEvent): Promise<RunOutcome> {
    return this.slots(() => this.runNow(subscriberId, event));
  }

  private async runNow(subscriberId: string, event: StoredEvent): Promise<RunOutcome> {
    const { handler } = this.registry.subscriber(subscriberId);
    return this.dataSource.transaction(async (manager) => {
      const claimed: unknown[] = await manager.query(
        `INSERT INTO processed_jobs (outbox_id, subscriber) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING outbox_id`,
        [event.id, subscriberId],
      );
      if (claimed.length === 0) {
        this.logger.debug(`${subscriberId} already handled ${event.name} ${event.id}`);
        return 'duplicate';
      }
      await handler.handle(event, { outboxId: event.id, manager });
      return 'done';
    });
  }
}
