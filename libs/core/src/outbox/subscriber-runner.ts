import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StoredEvent } from '../events/domain-event';
import { SubscriberRegistry } from '../events/subscriber-registry';

export type RunOutcome = 'done' | 'duplicate';

/**
 * Runs a subscriber at most once per event: the run is recorded in `processed_jobs` in the same
 * transaction as the subscriber's writes, so a redelivered job (relay retry, BullMQ stall) is skipped.
 */
@Injectable()
export class SubscriberRunner {
  private readonly logger = new Logger(SubscriberRunner.name);

  constructor(
    private readonly registry: SubscriberRegistry,
    private readonly dataSource: DataSource,
  ) {}

  async run(subscriberId: string, event: StoredEvent): Promise<RunOutcome> {
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
