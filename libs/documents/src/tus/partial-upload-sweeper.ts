import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@alveole/core';
import { partialUploadsDirectory } from './tus-uploads';

const EVERY_MS = 15 * 60_000;

/**
 * Removes the partial uploads nobody touched for UPLOAD_EXPIRY_HOURS (no PATCH, no creation), every
 * 15 minutes and at start-up. It runs in the api, with or without Redis: the partials are on the
 * api's own disk, where no worker sees them. Several api nodes sharing DATA_DIR are safe: removing
 * what is gone already is not an error.
 */
@Injectable()
export class PartialUploadSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PartialUploadSweeper.name);
  private readonly directory: string;
  private readonly maxIdleMs: number;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.directory = partialUploadsDirectory(config);
    this.maxIdleMs = config.uploadExpiryHours * 3600_000;
  }

  onApplicationBootstrap(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Removes every upload (bytes and info file) last touched before now − UPLOAD_EXPIRY_HOURS; how many. */
  async sweep(now = Date.now()): Promise<number> {
    const names = await readdir(this.directory).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    const ids = new Set(names.map((name) => name.replace(/\.json$/, '')));
    let removed = 0;
    for (const id of ids) {
      const files = [join(this.directory, id), join(this.directory, `${id}.json`)];
      const touched = await Promise.all(
        files.map((file) =>
          stat(file).then(
            (s) => s.mtimeMs,
            () => 0,
          ),
        ),
      );
      if (now - Math.max(...touched) <= this.maxIdleMs) continue;
      await Promise.all(files.map((file) => rm(file, { force: true })));
      removed += 1;
    }
    return removed;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.sweep()
      .then((removed) => removed > 0 && this.logger.log(`removed ${removed} expired partial uploads`))
      .catch((error: Error) => this.logger.warn(`partial uploads: ${error.message}`))
      .finally(() => (this.running = undefined));
  }
}
