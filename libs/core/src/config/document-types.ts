/**
 * The types documents may have unless DOCUMENT_TYPES says otherwise: office documents (Microsoft and
 * OpenDocument), PDF, images a browser shows (no SVG: it carries script), plain text, and archives.
 */
export const DEFAULT_DOCUMENT_TYPES = [
  'application/pdf',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/rtf',
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/heic',
  'text/plain',
  'text/csv',
  'text/markdown',
  'application/zip',
  'application/x-7z-compressed',
  'application/gzip',
  'application/x-tar',
];
