import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents.module';
import { PartialUploadSweeper } from './partial-upload-sweeper';
import { TusUploadsController } from './tus-uploads.controller';
import { TusUploads } from './tus-uploads';

/**
 * Resumable uploads (tus) at /api/v1/uploads, and the sweeper of the partials they leave: both in
 * the api process, where the partial bytes are. The app must also take tus bodies unread
 * (`acceptTusBodies`). Finished uploads go through the documents module's pipeline (DOCUMENT_UPLOADS).
 */
@Module({
  imports: [DocumentsModule],
  controllers: [TusUploadsController],
  providers: [TusUploads, PartialUploadSweeper],
})
export class TusUploadsModule {}
