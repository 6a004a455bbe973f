import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents.module';
import { DocumentsController } from './documents.controller';
import { FoldersController } from './folders.controller';

@Module({
  imports: [DocumentsModule],
  controllers: [DocumentsController, FoldersController],
})
export class DocumentsHttpModule {}
