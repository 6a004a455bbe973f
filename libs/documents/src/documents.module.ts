import { Module } from '@nestjs/common';
import { DocumentModeration } from './document-moderation.service';
import { DocumentsAccess } from './documents-access';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { FoldersRepository } from './folders.repository';
import { FoldersService } from './folders.service';
import { StorageModule } from './storage/storage.module';
import { StoredObjectsRepository } from './stored-objects.repository';
import { DOCUMENT_UPLOADS } from './uploads/document-uploads';
import { UploadsService } from './uploads/uploads.service';

/** Folders, documents and their versions, and the bytes in storage (DESIGN.md §2 "Documents"). */
@Module({
  imports: [StorageModule],
  providers: [
    DocumentsAccess,
    DocumentsRepository,
    FoldersRepository,
    StoredObjectsRepository,
    DocumentsService,
    DocumentModeration,
    FoldersService,
    UploadsService,
    { provide: DOCUMENT_UPLOADS, useExisting: UploadsService },
  ],
  exports: [DocumentsService, DocumentModeration, FoldersService, UploadsService, DOCUMENT_UPLOADS, StorageModule],
})
export class DocumentsModule {}
