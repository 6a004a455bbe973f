import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobRegistry } from './job-registry';

export type RunOutcome = 'done' | 'duplicate';

/**
 * Runs a job at most once per outbox id: the run is recorded in `processed_jobs` in the same
 * transaction as the handler's writes, so a redelivered job (relay retry, BullMQ stall) is skipped.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger(JobRunner.name);

  constructor(
    private readonly registry: JobRegistry,
    private readonly dataSource: DataSource,
  ) {}

  async run(name: string, outboxId: string, payload: unknown): Promise<RunOutcome> {
    const handler = this.registry.handlerOf(name);
    return this.dataSource.transaction(async (manager) => {
      const claimed: unknown[] = await manager.query(
        `INSERT INTO processed_jobs (outbox_id, job_name) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING outbox_id`,
        [outboxId, name],
      );
      if (claimed.length === 0) {
        this.logger.debug(`job ${name} ${outboxId} already processed`);
        return 'duplicate';
      }
      await handler.handle(payload as never, { outboxId, manager });
      return 'done';
    });
  }
}
