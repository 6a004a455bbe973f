import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainEventSubscriber, OnDomainEvent, StoredEvent, SubscriberContext } from '@alveole/core';
import { FILE_STORAGE, FileStorage } from '@alveole/documents';
import { writeExportArchive } from '../export-archive';
import { exportKey } from '../export-policy';
import { PersonalData } from '../personal-data';
import { ExportJobsRepository } from './export-jobs.repository';

/**
 * Builds the ZIP of an export and stores it under `exports/<id>`. A failure marks the export failed
 * (its owner sees it and may ask again) rather than retrying: a retry would read the same data and
 * most likely fail the same way. The reads run after a savepoint, so a failed read leaves the job's
 * transaction usable to record the failure.
 */
@Injectable()
@OnDomainEvent('data_export.requested', 'privacy.build_export')
export class BuildExport implements DomainEventSubscriber<'data_export.requested'> {
  private readonly logger = new Logger(BuildExport.name);

  constructor(
    private readonly exports: ExportJobsRepository,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async handle(event: StoredEvent<'data_export.requested'>, { manager }: SubscriberContext): Promise<void> {
    const found = await this.exports.pending(event.payload.exportId, manager);
    if (!found) return;
    const key = exportKey(found.id);
    await manager.query('SAVEPOINT export_build');
    try {
      const { size } = await writeExportArchive(new PersonalData(manager, found.userId), this.storage, key);
      await manager.query('RELEASE SAVEPOINT export_build');
      await this.exports.markReady(found.id, key, size, manager);
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT export_build');
      await this.storage.delete(key);
      // the export id only: who asked is no business of the logs
      this.logger.warn(`export ${found.id} failed: ${(error as Error).message}`);
      await this.exports.markFailed(found.id, manager);
    }
  }
}
