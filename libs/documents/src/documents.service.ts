import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthContext, CallerAccess } from '@alveole/access';
import { AuditWriter } from '@alveole/audit';
import { AppException, DomainEvents, keysetPage, mapPage, Page } from '@alveole/core';
import { DocumentsAccess } from './documents-access';
import { DocumentErrors } from './documents.errors';
import { DocumentEvents } from './documents.events';
import { DocumentListQuery, DocumentRecord, DocumentsRepository, VersionRecord } from './documents.repository';
import { FoldersRepository } from './folders.repository';
import { normaliseFileName } from './uploads/file-name';

/** A document with what the caller may do to it. */
export interface DocumentForCaller extends DocumentRecord {
  removable: boolean;
}

export interface DocumentChanges {
  name?: string;
  /** null: the sphere's top level. */
  folderId?: string | null;
}

/** The file to send for a download. */
export interface DocumentContent {
  document: DocumentRecord;
  version: VersionRecord;
}

/** Reading documents, renaming and moving them, deleting them (soft). */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: DocumentsAccess,
    private readonly documents: DocumentsRepository,
    private readonly folders: FoldersRepository,
    private readonly events: DomainEvents,
    private readonly audit: AuditWriter,
  ) {}

  async get(auth: AuthContext, id: string): Promise<DocumentForCaller> {
    const access = await this.access.of(auth);
    return this.forCaller(access, this.access.readableDocument(access, await this.documents.find(id)));
  }

  async list(
    auth: AuthContext,
    query: Omit<DocumentListQuery, 'readerId' | 'moderator'>,
  ): Promise<Page<DocumentForCaller>> {
    const access = await this.access.of(auth);
    const sphere = this.access.readableSphere(access, await this.documents.sphere(query.sphereId));
    const moderator = this.access.seesModerated(access, sphere);
    if (query.folderId !== null && !query.search) {
      const folder = await this.folders.find(query.folderId);
      if (folder?.sphereId !== query.sphereId) throw AppException.notFound('Folder');
    }
    const found = await this.documents.list({ ...query, readerId: auth.userId, moderator, limit: query.limit + 1 });
    const page = keysetPage(found, query.limit, (last) => ({ name: last.name, id: last.id }));
    return mapPage(page, (document) => this.forCaller(access, document));
  }

  async versions(auth: AuthContext, id: string): Promise<VersionRecord[]> {
    const access = await this.access.of(auth);
    this.access.readableDocument(access, await this.documents.find(id));
    return this.documents.versions(id);
  }

  /** The current version, or the one asked for (404 when the document has no such version). */
  async content(auth: AuthContext, id: string, version: number | null): Promise<DocumentContent> {
    const access = await this.access.of(auth);
    const document = this.access.readableDocument(access, await this.documents.find(id));
    const found = await this.documents.version(id, version ?? document.version);
    if (!found) throw AppException.notFound('Version');
    return { document, version: found };
  }

  async change(auth: AuthContext, id: string, changes: DocumentChanges): Promise<DocumentForCaller> {
    const access = await this.access.of(auth);
    this.access.allowedOnDocument(access, 'update', await this.documents.find(id));
    const name = changes.name === undefined ? undefined : normaliseFileName(changes.name);
    if (name === null) throw DocumentErrors.badName('give the document a name');
    const changed = await this.dataSource.transaction(async (manager) => {
      const document = this.access.allowedOnDocument(access, 'update', await this.documents.find(id, manager));
      const folderId = changes.folderId === undefined ? document.folderId : changes.folderId;
      if (folderId !== null && (await this.folders.find(folderId, manager))?.sphereId !== document.sphereId) {
        throw DocumentErrors.unknownFolder();
      }
      await this.documents.update(id, { name: name ?? document.name, folderId }, manager);
      const updated = (await this.documents.find(id, manager))!;
      await this.events.publish(manager, DocumentEvents.updated(updated, auth.userId));
      return updated;
    });
    return this.forCaller(access, changed);
  }

  /** Soft delete by the uploader or an animator (audited): its bytes go after the retention period. */
  async remove(auth: AuthContext, id: string): Promise<void> {
    const access = await this.access.of(auth);
    this.access.allowedOnDocument(access, 'delete', await this.documents.find(id));
    await this.dataSource.transaction(async (manager) => {
      const document = this.access.allowedOnDocument(access, 'delete', await this.documents.find(id, manager));
      await this.documents.softDelete(id, auth.userId, manager);
      // an uploader deleting their own file is their business; an animator doing it is moderation
      if (document.uploadedBy !== auth.userId) {
        await this.audit.record(manager, {
          organisationId: document.organisationId,
          actorId: auth.userId,
          action: 'document.deleted',
          targetType: 'document',
          targetId: document.id,
          spherePath: document.spherePath,
          before: { name: document.name, uploadedBy: document.uploadedBy },
        });
      }
      await this.events.publish(manager, DocumentEvents.deleted(document, auth.userId));
    });
  }

  private forCaller(access: CallerAccess, document: DocumentRecord): DocumentForCaller {
    return { ...document, removable: this.access.mayChange(access, document) };
  }
}
