import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@alveole/core';
import { FILE_STORAGE, FileStorage } from '../storage/file-storage';
import { StoredObjectsRepository } from '../stored-objects.repository';

/** An upload still pending after this long has died: no request runs for a day. */
const ABANDONED_AFTER_SECONDS = 24 * 3600;
const BATCH = 200;

/**
 * Removes what storage keeps for nothing: the bytes of documents deleted longer ago than the
 * retention period (then their rows), and those of uploads that died half-way (their key left
 * pending). Bytes go first: a failure leaves rows to retry from, never bytes no row points to.
 */
@Injectable()
export class StorageSweeper {
  private readonly logger = new Logger(StorageSweeper.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly objects: StoredObjectsRepository,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  /** One pass; the number of documents purged and of abandoned uploads removed. */
  async sweep(): Promise<{ purged: number; abandoned: number }> {
    let purged = 0;
    for (const document of await this.objects.expired(this.config.documents.retentionDays, BATCH)) {
      await Promise.all(document.keys.map((key) => this.storage.delete(key)));
      await this.objects.purge(document.id);
      purged += 1;
    }
    let abandoned = 0;
    for (const key of await this.objects.abandoned(ABANDONED_AFTER_SECONDS, BATCH)) {
      await this.storage.delete(key);
      await this.objects.settle(key);
      abandoned += 1;
    }
    if (purged + abandoned > 0)
      this.logger.log(`storage sweep: ${purged} documents purged, ${abandoned} abandoned uploads`);
    return { purged, abandoned };
  }
}
