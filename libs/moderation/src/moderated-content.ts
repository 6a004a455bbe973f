import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ContentModeration, ModeratedStatus } from '@alveole/content';
import { DocumentModeration } from '@alveole/documents';

export type ContentType = 'post' | 'comment' | 'document';

/** A reported piece of content, whichever context keeps it. */
export interface ModeratedItem {
  type: ContentType;
  id: string;
  sphereId: string;
  authorId: string | null;
  status: 'published' | 'pending' | 'hidden' | 'removed';
}

/** The current version beside a case's snapshot. */
export interface CurrentEvidence {
  status: string;
  body: string;
  editedAt: Date | null;
}

/**
 * The content moderation acts on: posts and comments (content context), documents (documents
 * context). Each keeps its own data, events and live updates; moderation decides and audits.
 */
@Injectable()
export class ModeratedContent {
  constructor(
    private readonly content: ContentModeration,
    private readonly documents: DocumentModeration,
  ) {}

  find(type: ContentType, id: string, manager?: EntityManager): Promise<ModeratedItem | null> {
    return type === 'document' ? this.documents.find(id, manager) : this.content.find(type, id, manager);
  }

  evidence(type: ContentType, id: string): Promise<CurrentEvidence | null> {
    return type === 'document' ? this.documents.evidence(id) : this.content.evidence(type, id);
  }

  async setStatus(
    manager: EntityManager,
    target: { type: ContentType; id: string },
    status: ModeratedStatus,
    actorId: string | null,
  ): Promise<void> {
    if (target.type === 'document') await this.documents.setStatus(manager, target.id, status, actorId);
    else await this.content.setStatus(manager, { type: target.type, id: target.id }, status, actorId);
  }

  async approvePending(manager: EntityManager, postId: string, actorId: string): Promise<void> {
    await this.content.approvePending(manager, postId, actorId);
  }
}
