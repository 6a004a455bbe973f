import { Inject, Injectable, Logger } from '@nestjs/common';
import { PeriodicTask } from '../lifecycle/periodic-task';
import { RETENTION_TASKS, RetentionTask } from './retention-task';

const DAY_MS = 24 * 3600 * 1000;
/** The first pass waits a little: a process starting is busy enough, and a crash loop should not purge in a loop. */
const FIRST_PASS_AFTER_MS = 10 * 60 * 1000;

/** Runs every context's retention task once: each deletes its own rows past their period. */
@Injectable()
export class RetentionRunner {
  private readonly logger = new Logger(RetentionRunner.name);

  constructor(@Inject(RETENTION_TASKS) private readonly tasks: RetentionTask[]) {}

  /** One pass; rows deleted per task. A task that fails is logged and the others still run. */
  async run(now = new Date()): Promise<Record<string, number>> {
    const deleted: Record<string, number> = {};
    for (const task of this.tasks) {
      try {
        deleted[task.name] = await task.purge(now);
      } catch (error) {
        this.logger.warn(`retention ${task.name}: ${(error as Error).message}`);
      }
    }
    const total = Object.values(deleted).reduce((sum, n) => sum + n, 0);
    if (total > 0) this.logger.log(`retention: ${JSON.stringify(deleted)}`);
    return deleted;
  }
}

/**
 * Runs the retention pass daily where jobs run (the worker, or the api without Redis), as the
 * storage sweep and the digests are run. Two processes purging at once only repeat deletions.
 */
@Injectable()
export class RetentionScheduler extends PeriodicTask {
  constructor(private readonly runner: RetentionRunner) {
    super('retention', DAY_MS, FIRST_PASS_AFTER_MS);
  }

  protected pass(): Promise<unknown> {
    return this.runner.run();
  }
}
