export * from './storage/file-storage';
export * from './storage/local-file-storage';
export * from './storage/s3-file-storage';
export * from './storage/storage-keys';
export * from './storage/storage.module';
export * from './uploads/document-uploads';
