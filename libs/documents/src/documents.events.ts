import type { DomainEvent } from '@alveole/core';
import { DocumentPayload, Live, Rooms } from '@alveole/realtime';
import type { DocumentRecord } from './documents.repository';

/** What happened to a document (ids only: subscribers read what they need). */
export interface DocumentEvent {
  documentId: string;
  sphereId: string;
  version: number;
  actorId: string;
}

declare module '@alveole/core' {
  interface DomainEventMap {
    'document.created': DocumentEvent;
    /** A new version, a new name or folder. */
    'document.updated': DocumentEvent;
    /** Deleted: its bytes go after the retention period. */
    'document.deleted': DocumentEvent;
    /** Hidden, removed or restored by the moderators (`actorId` null: the system, e.g. auto-hide). */
    'document.moderated': Omit<DocumentEvent, 'actorId'> & { actorId: string | null; status: DocumentRecord['status'] };
  }
}

export function toDocumentPayload(document: DocumentRecord): DocumentPayload {
  return {
    id: document.id,
    sphereId: document.sphereId,
    folderId: document.folderId,
    name: document.name,
    size: document.size,
    mimeType: document.mimeType,
    sha256: document.sha256,
    version: document.version,
    status: document.status,
    uploadedBy: uploaderOf(document.uploadedBy, document.uploaderName),
    createdAt: document.createdAt.toISOString(),
    updatedAt: document.updatedAt.toISOString(),
  };
}

const event = (document: DocumentRecord, actorId: string): DocumentEvent => ({
  documentId: document.id,
  sphereId: document.sphereId,
  version: document.version,
  actorId,
});

/** The documents context's domain events (DESIGN.md §1), each shown live to the sphere's room. */
export const DocumentEvents = {
  /** Out of the sphere's sight (hidden, removed) it leaves the lists as a deletion does; restored, it returns. */
  moderated: (document: DocumentRecord, actorId: string | null): DomainEvent<'document.moderated'> => ({
    name: 'document.moderated',
    payload: { ...event(document, ''), actorId, status: document.status },
    organisationId: document.organisationId,
    durable: false,
    live: [
      Live.emit(
        [Rooms.sphere(document.sphereId)],
        'document.updated',
        document.status === 'published'
          ? toDocumentPayload(document)
          : { ...toDocumentPayload(document), deleted: true },
      ),
    ],
  }),
  created: (document: DocumentRecord, actorId: string): DomainEvent<'document.created'> => ({
    name: 'document.created',
    payload: event(document, actorId),
    organisationId: document.organisationId,
    durable: false,
    live: [Live.emit([Rooms.sphere(document.sphereId)], 'document.created', toDocumentPayload(document))],
  }),
  updated: (document: DocumentRecord, actorId: string): DomainEvent<'document.updated'> => ({
    name: 'document.updated',
    payload: event(document, actorId),
    organisationId: document.organisationId,
    durable: false,
    live: [Live.emit([Rooms.sphere(document.sphereId)], 'document.updated', toDocumentPayload(document))],
  }),
  deleted: (document: DocumentRecord, actorId: string): DomainEvent<'document.deleted'> => ({
    name: 'document.deleted',
    payload: event(document, actorId),
    organisationId: document.organisationId,
    durable: false,
    live: [
      Live.emit([Rooms.sphere(document.sphereId)], 'document.updated', {
        ...toDocumentPayload(document),
        deleted: true,
      }),
    ],
  }),
};

/** null for a former member: the file was kept, the link to the person was not. */
export function uploaderOf(id: string | null, displayName: string | null) {
  return id === null ? null : { id, displayName: displayName ?? '' };
}
