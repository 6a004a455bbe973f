import { Module } from '@nestjs/common';
import { PrivacyModule } from '../privacy.module';
import { ExportDownloadController } from './export-download.controller';
import { ExportsController } from './exports.controller';

@Module({
  imports: [PrivacyModule],
  controllers: [ExportsController, ExportDownloadController],
})
export class PrivacyHttpModule {}
