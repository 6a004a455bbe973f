import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ExportSweeper } from './export-sweeper';

const EVERY_MS = 60 * 60 * 1000;

/**
 * Runs the export sweep hourly where jobs run (the worker, or the api without Redis). Two
 * processes sweeping at once only repeat deletions, which are idempotent.
 */
@Injectable()
export class ExportSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ExportSweepScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly sweeper: ExportSweeper) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), EVERY_MS);
    this.timer.unref();
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.sweeper
      .sweep()
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn(`export sweep: ${error.message}`))
      .finally(() => (this.running = undefined));
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
