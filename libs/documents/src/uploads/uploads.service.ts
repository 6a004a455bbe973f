import { Inject, Injectable } from '@nestjs/common';
import { pipeline, Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuthContext, CallerAccess } from '@alveole/access';
import {
  APP_CONFIG,
  AppConfig,
  AppException,
  DomainEvents,
  IdempotencyKeys,
  IdempotentRequest,
  newId,
} from '@alveole/core';
import { DocumentsAccess } from '../documents-access';
import { DocumentErrors } from '../documents.errors';
import { DocumentEvents } from '../documents.events';
import { DocumentRecord, DocumentsRepository, StoredFile } from '../documents.repository';
import { FoldersRepository } from '../folders.repository';
import { FILE_STORAGE, FileStorage } from '../storage/file-storage';
import { StoredObjectsRepository } from '../stored-objects.repository';
import { DeclaredFile, DocumentUploads, UploadTarget } from './document-uploads';
import { normaliseFileName } from './file-name';
import { FileInspector } from './file-inspector';
import { TypePolicy } from './type-policy';

/** Where admitted bytes go: a new document, or the next version of `document`. */
interface Placement {
  organisationId: string;
  sphereId: string;
  folderId: string | null;
  document: DocumentRecord | null;
  name: string;
  /** Bytes this upload may take: the file limit, or what is left of the quota if less. */
  room: number;
}

/** The one way bytes become a document or a version (multipart and tus alike). */
@Injectable()
export class UploadsService implements DocumentUploads {
  private readonly types: TypePolicy;
  private readonly limits: AppConfig['documents'];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly access: DocumentsAccess,
    private readonly documents: DocumentsRepository,
    private readonly folders: FoldersRepository,
    private readonly objects: StoredObjectsRepository,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly events: DomainEvents,
    private readonly idempotency: IdempotencyKeys,
  ) {
    this.limits = config.documents;
    this.types = new TypePolicy(config.documents.allowedTypes);
  }

  async admit(auth: AuthContext, target: UploadTarget, declared: DeclaredFile): Promise<void> {
    await this.place(await this.access.of(auth), target, declared);
  }

  async store(
    auth: AuthContext,
    target: UploadTarget,
    declared: DeclaredFile,
    body: Readable,
    idempotencyKey?: string,
  ): Promise<DocumentRecord> {
    const access = await this.access.of(auth);
    const placement = await this.place(access, target, declared);
    const key = `documents/${newId()}`;
    await this.objects.markPending(key);
    try {
      const file = await this.write(key, placement.room, declared, body);
      // the same key with the same file (its hash) answers the first document again: these bytes go
      const request = {
        operation: 'document.upload',
        userId: auth.userId,
        key: idempotencyKey,
        body: { target, name: placement.name, sha256: file.sha256, size: file.size },
      };
      const { document, replayed } = await this.record(access, request, placement, file);
      if (replayed) await this.forget(key);
      return document;
    } catch (error) {
      await this.forget(key);
      throw error;
    }
  }

  /** Everything decided before a byte is read (see DocumentUploads.admit). */
  private async place(access: CallerAccess, target: UploadTarget, declared: DeclaredFile): Promise<Placement> {
    const name = normaliseFileName(declared.name);
    if (name === null) throw DocumentErrors.badName('give the file a name');
    let placement: Omit<Placement, 'room' | 'name'>;
    if ('documentId' in target) {
      const document = this.access.allowedOnDocument(access, 'update', await this.documents.find(target.documentId));
      placement = { ...document, document };
    } else {
      const sphere = this.access.readableSphere(access, await this.documents.sphere(target.sphereId));
      this.access.assertMayAdd(access, sphere);
      if (target.folderId !== null) {
        const folder = await this.folders.find(target.folderId);
        if (folder?.sphereId !== sphere.id) throw DocumentErrors.unknownFolder();
      }
      placement = {
        organisationId: sphere.organisationId,
        sphereId: sphere.id,
        folderId: target.folderId,
        document: null,
      };
    }
    this.types.admit(declared.type);
    const free = this.limits.sphereQuotaBytes - (await this.documents.usage(placement.sphereId));
    if (declared.size !== null && declared.size > this.limits.maxBytes) throw this.tooLarge();
    if (free <= 0 || (declared.size !== null && declared.size > free)) throw this.overQuota();
    return { ...placement, name, room: Math.min(this.limits.maxBytes, free) };
  }

  /** Streams the bytes to storage through the inspector; refused bytes stop the stream where they are. */
  private async write(key: string, room: number, declared: DeclaredFile, body: Readable): Promise<StoredFile> {
    let mimeType = '';
    const inspector = new FileInspector(
      room,
      () => (room < this.limits.maxBytes ? this.overQuota() : this.tooLarge()),
      (detected, looksLikeText) => {
        const verdict = this.types.judge(declared.type, detected, looksLikeText);
        if ('refusal' in verdict) return verdict.refusal;
        mimeType = verdict.mimeType;
        return null;
      },
    );
    // pipeline, not pipe: a body that failed before this point (a truncated form) still fails the write
    try {
      await this.storage.write(
        key,
        pipeline(body, inspector, () => undefined),
      );
    } catch (error) {
      // the bytes stopped coming (a cut connection, a truncated form): the client's doing, not a fault here
      throw body.errored && !(error instanceof AppException) ? DocumentErrors.interrupted() : error;
    }
    const { size, sha256 } = inspector.result();
    return { storageKey: key, size, mimeType, sha256 };
  }

  /** Records the stored file, the quota checked again under the sphere's lock (uploads run side by side). */
  private async record(
    access: CallerAccess,
    request: IdempotentRequest,
    placement: Placement,
    file: StoredFile,
  ): Promise<{ document: DocumentRecord; replayed: boolean }> {
    const { userId } = request;
    return this.dataSource.transaction(async (manager) => {
      const replay = await this.idempotency.claim<{ id: string }>(request, manager);
      if (replay) {
        const first = await this.documents.find(replay.id, manager);
        if (!first) throw AppException.notFound('Document');
        return { document: first, replayed: true };
      }
      await this.documents.lockQuota(placement.sphereId, manager);
      const used = await this.documents.usage(placement.sphereId, manager);
      if (used + file.size > this.limits.sphereQuotaBytes) throw this.overQuota();
      let id: string;
      if (placement.document) {
        const current = this.access.allowedOnDocument(
          access,
          'update',
          await this.documents.find(placement.document.id, manager),
        );
        await this.documents.addVersion(current, file, userId, manager);
        id = current.id;
      } else {
        id = newId();
        await this.documents.insert({ ...placement, id }, file, userId, manager);
      }
      await this.objects.settle(file.storageKey, manager);
      const document = (await this.documents.find(id, manager))!;
      const event = placement.document ? DocumentEvents.updated : DocumentEvents.created;
      await this.events.publish(manager, event(document, userId));
      await this.idempotency.complete(request, { id }, manager);
      return { document, replayed: false };
    });
  }

  /** The bytes of a failed upload go at once; if storage cannot remove them now, the sweeper will. */
  private async forget(key: string): Promise<void> {
    try {
      await this.storage.delete(key);
      await this.objects.settle(key);
    } catch {
      // the key stays pending: StoredObjectsSweeper retries
    }
  }

  private tooLarge(): Error {
    return DocumentErrors.fileTooLarge(this.limits.maxBytes);
  }

  private overQuota(): Error {
    return DocumentErrors.quotaExceeded(this.limits.sphereQuotaBytes);
  }
}
