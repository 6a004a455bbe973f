import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Digests } from './digests';

const EVERY_MS = 15 * 60_000;

/**
 * Runs the digests every 15 minutes in each process that runs jobs (the worker, or the api in
 * embedded mode). Several such processes are safe: a digest is claimed under a per-person lock.
 */
@Injectable()
export class DigestScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DigestScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly digests: Digests) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), EVERY_MS);
    this.timer.unref();
  }

  private tick(): void {
    if (this.running) return;
    const now = new Date();
    this.running = (async () => {
      await this.digests.sendDue('daily', now);
      await this.digests.sendDue('weekly', now);
    })()
      .catch((error: Error) => this.logger.warn(`digests: ${error.message}`))
      .finally(() => (this.running = undefined));
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
