import { Module } from '@nestjs/common';
import { PartialUploadSweeper } from './partial-upload-sweeper';
import { TusUploadsController } from './tus-uploads.controller';
import { TusUploads } from './tus-uploads';

/**
 * Resumable uploads (tus) at /api/v1/uploads, and the sweeper of the partials they leave: both in
 * the api process, where the partial bytes are. The app must also take tus bodies unread
 * (`acceptTusBodies`). The document pipeline (DOCUMENT_UPLOADS) comes from the documents module.
 */
@Module({
  controllers: [TusUploadsController],
  providers: [TusUploads, PartialUploadSweeper],
})
export class TusUploadsModule {}
