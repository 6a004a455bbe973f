import { HttpStatus } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { AppException } from '@alveole/core';
import { DocumentErrors } from '../documents.errors';

export interface MultipartFile {
  stream: Readable;
  name: string;
  type: string;
  /** The text fields sent before the file (later ones are not read). */
  fields: Record<string, string>;
}

/**
 * The `file` part of a multipart upload, as a stream (never buffered), with the fields before it.
 * The size is checked on the way to storage; `fileSize` here is only the parser's own backstop.
 */
export async function multipartFile(request: FastifyRequest, maxBytes: number): Promise<MultipartFile> {
  if (!request.isMultipart()) {
    throw new AppException(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'unsupported-media-type',
      'Send the file as multipart/form-data, in a part named file',
    );
  }
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await request.file({
      limits: { fileSize: maxBytes + 1, files: 1, fields: 4, fieldSize: 200, parts: 5, headerPairs: 50 },
    });
  } catch {
    throw new AppException(HttpStatus.BAD_REQUEST, 'malformed-multipart', 'The multipart body could not be read');
  }
  if (!part || part.fieldname !== 'file') throw DocumentErrors.noFile();
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(part.fields)) {
    const value = Array.isArray(field) ? field[0] : field;
    if (value && value.type === 'field' && typeof value.value === 'string') fields[name] = value.value;
  }
  return { stream: part.file, name: part.filename, type: part.mimetype, fields };
}
