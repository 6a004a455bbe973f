import { Module } from '@nestjs/common';
import { StorageModule } from '@alveole/documents';
import { DataExportsRepository } from './data-exports.repository';
import { DataExportsService } from './data-exports.service';

/**
 * The privacy context: exports of a person's data (GDPR art. 15/20). It reads other contexts' tables
 * read-only in SQL (personal-data.statements.ts); no context imports it.
 */
@Module({
  imports: [StorageModule],
  providers: [DataExportsRepository, DataExportsService],
  exports: [DataExportsService],
})
export class PrivacyModule {}
