import { uploaderOf } from './documents.events';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppException, DomainEvents } from '@alveole/core';
import { DocumentEvents } from './documents.events';
import { DocumentRecord, DocumentsRepository } from './documents.repository';

export type DocumentStatus = DocumentRecord['status'];

/** A document as moderation acts on it (the same shape as a post's: its uploader is its author). */
export interface ModeratedDocument {
  type: 'document';
  id: string;
  organisationId: string;
  sphereId: string;
  spherePath: string;
  authorId: string | null;
  status: DocumentStatus;
}

/** What a moderator reads of a document: the evidence beside a case's snapshot. */
export interface DocumentEvidence {
  author: { id: string; displayName: string } | null;
  body: string;
  status: DocumentStatus;
  createdAt: Date;
  editedAt: Date | null;
}

const asTarget = (document: DocumentRecord): ModeratedDocument => ({
  type: 'document',
  id: document.id,
  organisationId: document.organisationId,
  sphereId: document.sphereId,
  spherePath: document.spherePath,
  authorId: document.uploadedBy,
  status: document.status,
});

/**
 * What the moderation context asks of documents, inside its own transaction: look one up, hide,
 * remove or restore it. No ability is checked here (moderation decides who may) and no audit row is
 * written (moderation audits its decisions).
 */
@Injectable()
export class DocumentModeration {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly events: DomainEvents,
  ) {}

  /** The document (not deleted by its uploader), or null; its row locked when a manager is given. */
  async find(id: string, manager?: EntityManager): Promise<ModeratedDocument | null> {
    const found = await this.documents.find(id, manager);
    return found && asTarget(found);
  }

  async evidence(id: string, manager?: EntityManager): Promise<DocumentEvidence | null> {
    const found = await this.documents.find(id, manager);
    if (!found) return null;
    const body = `${found.name} (${found.mimeType}, ${found.size} bytes, version ${found.version})`;
    const author = uploaderOf(found.uploadedBy, found.uploaderName);
    return { author, body, status: found.status, createdAt: found.createdAt, editedAt: found.updatedAt };
  }

  /** Sets the status and tells the sphere live; no-op when unchanged. actorId null: the system (auto-hide). */
  async setStatus(
    manager: EntityManager,
    id: string,
    status: DocumentStatus,
    actorId: string | null,
  ): Promise<ModeratedDocument> {
    const found = await this.documents.find(id, manager);
    if (!found) throw AppException.notFound('Document');
    if (found.status === status) return asTarget(found);
    await this.documents.setStatus(id, status, manager);
    const changed = { ...found, status };
    await this.events.publish(manager, DocumentEvents.moderated(changed, actorId));
    return asTarget(changed);
  }
}
