export * from './documents-http.module';
export * from '../tus/tus-bodies';
export * from '../tus/tus-uploads.module';
export * from '../tus/partial-upload-sweeper';
export { acceptMultipartOnUploads } from './multipart-file';
