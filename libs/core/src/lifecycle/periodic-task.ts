import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/**
 * A pass run every `everyMs` where jobs run (the worker, or the api without Redis), never two at once in
 * one process; shutdown waits for the pass under way. Two processes running it at once only repeat
 * idempotent deletions. `firstAfterMs`: one early pass after start-up as well.
 */
export abstract class PeriodicTask implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(this.constructor.name);
  private timers: NodeJS.Timeout[] = [];
  private running?: Promise<void>;

  protected constructor(
    private readonly label: string,
    private readonly everyMs: number,
    private readonly firstAfterMs?: number,
  ) {}

  protected abstract pass(): Promise<unknown>;

  onApplicationBootstrap(): void {
    this.timers = [setInterval(() => this.tick(), this.everyMs)];
    if (this.firstAfterMs !== undefined) this.timers.push(setTimeout(() => this.tick(), this.firstAfterMs));
    this.timers.forEach((timer) => timer.unref());
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.pass()
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn(`${this.label}: ${error.message}`))
      .finally(() => (this.running = undefined));
  }

  async onApplicationShutdown(): Promise<void> {
    this.timers.forEach((timer) => clearTimeout(timer));
    await this.running;
  }
}
