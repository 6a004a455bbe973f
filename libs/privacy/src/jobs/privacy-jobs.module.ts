import { Module } from '@nestjs/common';
import { StorageModule } from '@alveole/documents';
import { BuildExport } from './build-export.subscriber';
import { ExportJobsRepository } from './export-jobs.repository';
import { ExportSweepScheduler } from './export-sweep.scheduler';
import { ExportSweeper } from './export-sweeper';

/** The privacy context's background work: building exports, and the hourly sweep (worker, or the api without Redis). */
@Module({
  imports: [StorageModule],
  providers: [ExportJobsRepository, BuildExport, ExportSweeper, ExportSweepScheduler],
  exports: [ExportSweeper],
})
export class PrivacyJobsModule {}
