export * from './documents-http.module';
export * from '../tus/tus-bodies';
export * from '../tus/tus-uploads.module';
export * from '../tus/partial-upload-sweeper';
/** The routes that read a multipart body (as `request.file()`), as Fastify names them. */
export const DOCUMENT_UPLOAD_ROUTES = [
  'POST /api/v1/spheres/:sphereId/documents',
  'POST /api/v1/documents/:id/versions',
];
