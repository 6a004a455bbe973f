import type { Readable } from 'node:stream';

/** A byte range, both ends inclusive (as in an HTTP `Range: bytes=start-end` header). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface SignedDownload {
  fileName: string;
  contentType: string;
  expiresInSeconds: number;
}

/**
 * Where document bytes live: local disk by default, an S3-compatible bucket in production. Keys are
 * made by Alveole (never from user input); the database says which key belongs to which version.
 */
export interface FileStorage {
  readonly driver: 'local' | 's3';
  /**
   * Writes the stream under `key` and resolves with the bytes written. When the stream errors (a
   * limit reached, a client gone), it rejects with that error and nothing is left under `key`.
   */
  write(key: string, body: Readable): Promise<{ size: number }>;
  /** The object's bytes, whole or a range; rejects with StoredObjectMissing when there is none. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  /** The object's size, or null when there is none. */
  stat(key: string): Promise<{ size: number } | null>;
  /** Removes the object; nothing to remove is not an error. */
  delete(key: string): Promise<void>;
  /** A short-lived URL that downloads the object as an attachment; null when the driver has none (local). */
  signedDownloadUrl(key: string, download: SignedDownload): Promise<string | null>;
}

export const FILE_STORAGE = Symbol('FileStorage');

export class StoredObjectMissing extends Error {
  constructor(readonly key: string) {
    super(`no stored object under ${key}`);
  }
}
