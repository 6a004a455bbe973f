import type { Readable } from 'node:stream';
import type { AuthContext } from '@alveole/access';
import type { DocumentRecord } from '../documents.repository';

/** Where an upload goes: a new document in a sphere (and folder), or a new version of a document. */
export type UploadTarget = { sphereId: string; folderId: string | null } | { documentId: string };

/** What the client says about the file before sending it (multipart part headers, tus metadata). */
export interface DeclaredFile {
  name: string;
  /** The MIME type the client declared; the bytes' own type must agree with it. */
  type: string;
  /** Known before the bytes for tus (Upload-Length); null for multipart. */
  size: number | null;
}

/**
 * The one way bytes become a document, shared by the multipart route and the tus server so both
 * apply the same limits, type checks, quota and authorisation.
 */
export interface DocumentUploads {
  /**
   * Everything that can be refused before a byte is read: the sphere or document unknown or
   * invisible (404), archived (409), not allowed (403), too large or over quota by the declared size
   * (413, `file-too-large` / `quota-exceeded`), a type outside the allow-list (415), a bad name (422).
   */
  admit(auth: AuthContext, target: UploadTarget, declared: DeclaredFile): Promise<void>;
  /**
   * Streams the bytes into storage while hashing, sniffing and counting them, then records the
   * document or version (201). Refuses as `admit` does, and mid-stream: past the size limit or the
   * quota (413, the stream is not read further), bytes whose type disagrees with the declared one
   * (415). On any failure nothing is left: no row, no bytes.
   */
  store(
    auth: AuthContext,
    target: UploadTarget,
    declared: DeclaredFile,
    body: Readable,
    /** The same key with the same file (by its hash) within 24 h answers the first document again. */
    idempotencyKey?: string,
  ): Promise<DocumentRecord>;
}

export const DOCUMENT_UPLOADS = Symbol('DocumentUploads');
