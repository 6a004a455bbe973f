import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { StorageSweeper } from './storage-sweeper';

const EVERY_MS = 60 * 60 * 1000;

/**
 * Runs the storage sweep hourly where jobs run (the worker, or the api without Redis). Two
 * processes sweeping at once only repeat deletions, which are idempotent.
 */
@Injectable()
export class StorageSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StorageSweepScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly sweeper: StorageSweeper) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), EVERY_MS);
    this.timer.unref();
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.sweeper
      .sweep()
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn(`storage sweep: ${error.message}`))
      .finally(() => (this.running = undefined));
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
