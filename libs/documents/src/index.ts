export * from './storage/file-storage';
export * from './uploads/document-uploads';
