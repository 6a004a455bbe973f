import { Module } from '@nestjs/common';
import { StorageModule } from '../storage/storage.module';
import { StoredObjectsRepository } from '../stored-objects.repository';
import { StorageSweepScheduler } from './storage-sweep.scheduler';
import { StorageSweeper } from './storage-sweeper';

/** The documents context's background work: the hourly storage sweep (worker, or the api without Redis). */
@Module({
  imports: [StorageModule],
  providers: [StoredObjectsRepository, StorageSweeper, StorageSweepScheduler],
  exports: [StorageSweeper],
})
export class DocumentsJobsModule {}
