export * from './documents-http.module';
export * from '../tus/tus-bodies';
export * from '../tus/tus-uploads.module';
export * from '../tus/partial-upload-sweeper';
/** The routes that read a multipart body (as `request.file()`), as Fastify names them. */
export const DOCUMENT_UPLOAD_ROUTES = [
  'POST /api/v1/spheres/:sphereId/documents',
  'POST /api/v1/documents/:id/versions',
];

/** The routes that send a document's bytes as stored (never re-encoded: their ETag, length and ranges describe them). */
export const DOCUMENT_DOWNLOAD_ROUTES = ['/api/v1/documents/:id/content'];
