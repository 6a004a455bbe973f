import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '@alveole/core';
import { FILE_STORAGE, FileStorage } from './file-storage';
import { LocalFileStorage } from './local-file-storage';
import { S3FileStorage } from './s3-file-storage';

/** The driver STORAGE_DRIVER names: `<DATA_DIR>/files` or the S3 bucket. */
export function createFileStorage(config: AppConfig): FileStorage {
  const { storage } = config;
  return storage.driver === 's3'
    ? S3FileStorage.fromSettings(storage.s3)
    : new LocalFileStorage(join(config.dataDir, 'files'));
}

/** Provides FILE_STORAGE (see file-storage.ts) to the documents context, its routes and its jobs. */
@Module({
  providers: [{ provide: FILE_STORAGE, inject: [APP_CONFIG], useFactory: createFileStorage }],
  exports: [FILE_STORAGE],
})
export class StorageModule {}
