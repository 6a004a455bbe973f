import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { FileStore } from '@tus/file-store';
import { Server, type Upload } from '@tus/server';
import type { AuthContext } from '@alveole/access';
import { APP_CONFIG, AppConfig, AppException } from '@alveole/core';
import { DOCUMENT_UPLOADS, DocumentUploads } from '../uploads/document-uploads';
import { keptMetadata, ownerOf, readIntent } from './tus-metadata';
import { tusErrorAnswer } from './tus-problems';
import { sendWebResponse, toWebRequest } from './web-exchange';

export const TUS_PATH = '/api/v1/uploads';
/**
 * Unfinished uploads one person may hold at once. The sphere quota counts stored documents only: this
 * bounds the disk one person's partials take (× DOCUMENT_MAX_BYTES) until they finish, are
 * terminated or expire.
 */
export const OPEN_UPLOADS_PER_PERSON = 20;

/** On the answer to the PATCH that completes an upload: the document it made (or added a version to). */
export const DOCUMENT_ID_HEADER = 'Alveole-Document-Id';

/** Partial uploads stay on the api's local disk whatever STORAGE_DRIVER is: only finished ones are stored. */
export function partialUploadsDirectory(config: Pick<AppConfig, 'dataDir'>): string {
  return join(config.dataDir, 'uploads');
}

/**
 * The tus 1.0.0 server behind /api/v1/uploads (@tus/server on a @tus/file-store): creation checks
 * the declared file with the document pipeline before a byte is accepted; the PATCH that brings the
 * last byte hands the file to the same pipeline as a multipart upload, then drops the partial.
 * An upload is its creator's: to anyone else it does not exist.
 */
@Injectable()
export class TusUploads {
  private readonly logger = new Logger(TusUploads.name);
  private readonly server: Server;
  private readonly store: FileStore;
  private readonly directory: string;
  /** The caller of each request the tus server is handling (its hooks get the request only). */
  private readonly callers = new WeakMap<Request, AuthContext>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DOCUMENT_UPLOADS) private readonly uploads: DocumentUploads,
  ) {
    this.directory = partialUploadsDirectory(config);
    this.store = new FileStore({ directory: this.directory });
    // no deferred length: the size is checked against the limit and the quota before any byte
    this.store.extensions = ['creation', 'creation-with-upload', 'termination'];
    this.server = new Server({
      path: TUS_PATH,
      datastore: this.store,
      relativeLocation: true,
      // a client resuming on a new connection while its old PATCH hangs (a phone that changed network)
      // takes the lock from it: the old PATCH keeps what it received and stops within a second
      lockDrainTimeout: 1000,
      maxSize: config.documents.maxBytes,
      // the api answers no other cross-origin HTTP call: tus's default would be `*`
      allowedOrigins: config.corsOrigins,
      exposedHeaders: [DOCUMENT_ID_HEADER],
      onIncomingRequest: (request, id) => this.assertOwner(request, id),
      onUploadCreate: (request, upload) => this.admit(request, upload),
      onUploadFinish: (request, upload) => this.finish(request, upload),
      onResponseError: (request, error) => {
        const { unexpected, ...answer } = tusErrorAnswer(error, request.method);
        if (unexpected !== undefined) this.logger.error({ err: unexpected }, `tus ${request.method} failed`);
        return answer;
      },
    });
  }

  /** Answers one tus request on the raw response (`auth` is absent only for OPTIONS). */
  async handle(
    auth: AuthContext | undefined,
    raw: IncomingMessage,
    res: ServerResponse,
    baseHeaders: OutgoingHttpHeaders,
  ): Promise<void> {
    const request = toWebRequest(raw, res);
    if (auth) this.callers.set(request, auth);
    const path = new URL(request.url).pathname;
    try {
      await sendWebResponse(res, await this.server.handleWeb(request), baseHeaders, path);
    } catch (error) {
      // the reply is hijacked: no exception filter answers for us any more
      this.logger.error({ err: error }, `tus ${request.method} failed`);
      const failed = tusErrorAnswer(error, request.method);
      await sendWebResponse(res, new Response(failed.body, { status: failed.status_code }), baseHeaders, path);
    }
  }

  /** HEAD, PATCH and DELETE: someone else's upload, or none, is the same 404. */
  private async assertOwner(request: Request, id: string): Promise<void> {
    if (request.method === 'POST') return;
    const caller = this.callers.get(request);
    const info = await this.store.configstore.get(id);
    if (!caller || ownerOf(info?.metadata) !== caller.userId) throw AppException.notFound('Upload');
  }

  private async admit(request: Request, upload: Upload): Promise<{ metadata: Upload['metadata'] }> {
    const caller = this.callerOf(request);
    if (upload.size === undefined) {
      throw new AppException(400, 'upload-length-required', 'Upload-Length is required (no deferred length)');
    }
    const { target, declared } = readIntent(upload.metadata, upload.size);
    await this.uploads.admit(caller, target, declared);
    if ((await this.openUploadsOf(caller.userId)) >= OPEN_UPLOADS_PER_PERSON) {
      throw new AppException(
        429,
        'too-many-open-uploads',
        `At most ${OPEN_UPLOADS_PER_PERSON} unfinished uploads at once: finish or terminate one first`,
      );
    }
    return { metadata: keptMetadata(upload.metadata, caller.userId) };
  }

  /** One read per unfinished upload of the instance: they are few (they finish or expire within hours). */
  private async openUploadsOf(ownerId: string): Promise<number> {
    const ids = (await this.store.configstore.list?.()) ?? [];
    const infos = await Promise.all(ids.map((id) => this.store.configstore.get(id)));
    return infos.filter((info) => ownerOf(info?.metadata) === ownerId).length;
  }

  /** The last byte arrived: the file becomes a document (or a version), and the partial goes either way. */
  private async finish(request: Request, upload: Upload): Promise<{ headers: Record<string, string> }> {
    try {
      const caller = this.callerOf(request);
      const { target, declared } = readIntent(upload.metadata, upload.size ?? upload.offset);
      const body = createReadStream(upload.storage?.path ?? this.partialPath(upload.id));
      const document = await this.uploads.store(caller, target, declared, body);
      return { headers: { [DOCUMENT_ID_HEADER]: document.id } };
    } finally {
      await this.discard(upload.id);
    }
  }

  private async discard(id: string): Promise<void> {
    await Promise.all([rm(this.partialPath(id), { force: true }), rm(`${this.partialPath(id)}.json`, { force: true })]);
  }

  /** Upload ids are tus's own (hex, checked by the route): never a path of the client's. */
  private partialPath(id: string): string {
    return join(this.directory, id);
  }

  private callerOf(request: Request): AuthContext {
    const caller = this.callers.get(request);
    if (!caller) throw AppException.unauthenticated();
    return caller;
  }
}
