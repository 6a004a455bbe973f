import { AppException, FieldError } from '@alveole/core';
import type { DeclaredFile, UploadTarget } from '../uploads/document-uploads';

/** tus `Upload-Metadata`, decoded: key → value (a key sent without a value is null). */
export type UploadMetadata = Record<string, string | null>;

/** The keys a client may send; any other is dropped before the upload's info file is written. */
const CLIENT_KEYS = ['sphereId', 'folderId', 'documentId', 'filename', 'filetype'] as const;

/** Who created the upload: written by the server, whatever the client sent under that key. */
export const OWNER_KEY = 'ownerId';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where the bytes go and what the client says they are, read from an upload's metadata. */
export interface UploadIntent {
  target: UploadTarget;
  declared: DeclaredFile;
}

/**
 * Reads `sphereId`, `folderId`?, `documentId`? (a new version of that document instead of a new
 * document), `filename` and `filetype` (absent or empty: `application/octet-stream`). Ids must be
 * UUIDs and values free of NUL (422 otherwise): whether they exist is the pipeline's business.
 */
export function readIntent(metadata: UploadMetadata | undefined, size: number): UploadIntent {
  const errors: FieldError[] = [];
  const text = (key: (typeof CLIENT_KEYS)[number]): string | undefined => {
    const value = metadata?.[key];
    if (typeof value !== 'string' || value === '') return undefined;
    if (value.includes('\u0000')) {
      errors.push({ field: `metadata.${key}`, message: 'must not contain NUL characters' });
      return undefined;
    }
    return value;
  };
  const id = (key: 'sphereId' | 'folderId' | 'documentId'): string | undefined => {
    const value = text(key);
    if (value !== undefined && !UUID.test(value)) errors.push({ field: `metadata.${key}`, message: 'must be a UUID' });
    return value;
  };
  const sphereId = id('sphereId');
  const folderId = id('folderId');
  const documentId = id('documentId');
  const name = text('filename');
  const type = text('filetype') ?? 'application/octet-stream';
  if (!metadata?.filename) errors.push({ field: 'metadata.filename', message: 'is required' });
  if (!metadata?.documentId && !metadata?.sphereId) {
    errors.push({ field: 'metadata.sphereId', message: 'is required (or documentId, for a new version)' });
  }
  if (errors.length > 0) throw AppException.validation(errors);
  // a new version stays where its document is: sphereId and folderId then say nothing
  const target: UploadTarget = documentId ? { documentId } : { sphereId: sphereId!, folderId: folderId ?? null };
  return { target, declared: { name: name!, type, size } };
}

/** The metadata kept with an upload: the client's known keys, and its owner as the server knows it. */
export function keptMetadata(metadata: UploadMetadata | undefined, ownerId: string): UploadMetadata {
  const kept: UploadMetadata = {};
  for (const key of CLIENT_KEYS) {
    const value = metadata?.[key];
    if (typeof value === 'string') kept[key] = value;
  }
  kept[OWNER_KEY] = ownerId;
  return kept;
}

/** The upload's owner, as written at creation; null for an upload that has none (not ours). */
export function ownerOf(metadata: UploadMetadata | undefined): string | null {
  const owner = metadata?.[OWNER_KEY];
  return typeof owner === 'string' && owner !== '' ? owner : null;
}
