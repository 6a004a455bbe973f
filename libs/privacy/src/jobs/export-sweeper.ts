import { Inject, Injectable, Logger } from '@nestjs/common';
import { FILE_STORAGE, FileStorage } from '@alveole/documents';
import { ExportJobsRepository } from './export-jobs.repository';

const BATCH = 200;

/**
 * Removes exports KEEP_DAYS after they were built (bytes first, then the row turns `expired`: a
 * failure leaves a row to retry from, never bytes no row points to), fails exports whose job was
 * lost, and drops dead links.
 */
@Injectable()
export class ExportSweeper {
  private readonly logger = new Logger(ExportSweeper.name);

  constructor(
    private readonly exports: ExportJobsRepository,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async sweep(): Promise<{ expired: number; stuck: number }> {
    let expired = 0;
    for (const overdue of await this.exports.overdue(BATCH)) {
      if (overdue.storageKey) await this.storage.delete(overdue.storageKey);
      await this.exports.markExpired(overdue.id);
      expired += 1;
    }
    const stuck = await this.exports.failStuck();
    await this.exports.dropDeadLinks();
    if (expired + stuck > 0) this.logger.log(`export sweep: ${expired} expired, ${stuck} stuck marked failed`);
    return { expired, stuck };
  }
}
