import { Controller, Delete, Get, HttpCode, Inject, ParseUUIDPipe, Patch, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth, AuthContext, Policy } from '@alveole/access';
import {
  ApiIdempotencyKey,
  ApiProblems,
  APP_CONFIG,
  AppConfig,
  Body,
  decodeCursor,
  IdempotencyKey,
  mapPage,
  multipartFile,
  Param,
  Query,
} from '@alveole/core';
import { DocumentErrors } from '../documents.errors';
import { DocumentsService } from '../documents.service';
import { FILE_STORAGE, FileStorage } from '../storage/file-storage';
import { UploadTarget } from '../uploads/document-uploads';
import { UploadsService } from '../uploads/uploads.service';
import { sendDocument } from './document-download';
import { ChangeDocumentDto, ContentQueryDto, DocumentListQueryDto } from './documents.dto';
import {
  DocumentPage,
  DocumentResponse,
  toDocumentResponse,
  toVersionResponse,
  VersionList,
} from './documents.responses';

const Id = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const MULTIPART_BODY = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      folderId: { type: 'string', format: 'uuid', description: 'before the file; absent: the top level' },
      file: { type: 'string', format: 'binary' },
    },
  },
};

@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly documents: DocumentsService,
    private readonly uploads: UploadsService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  @Post('spheres/:sphereId/documents')
  @Policy('post', 'Sphere')
  @ApiOperation({ summary: 'Upload a document (multipart, streamed): size limit, sphere quota, allowed types' })
  @ApiConsumes('multipart/form-data')
  @ApiBody(MULTIPART_BODY)
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: DocumentResponse })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  async upload(
    @Auth() auth: AuthContext,
    @Param('sphereId', Id) sphereId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<DocumentResponse> {
    return this.receive(
      request,
      reply,
      (fields) => {
        const folderId = fields.folderId || null;
        if (folderId !== null && !UUID.test(folderId)) throw DocumentErrors.unknownFolder();
        return { sphereId, folderId };
      },
      auth,
      idempotencyKey,
    );
  }

  @Get('spheres/:sphereId/documents')
  @Policy('read', 'Document')
  @ApiOperation({ summary: "A folder's documents by name (or the top level's), or the sphere's matching `q`" })
  @ApiOkResponse({ type: DocumentPage })
  @ApiProblems(400, 401, 403, 404, 422)
  async list(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string, @Query() query: DocumentListQueryDto) {
    const after = query.cursor
      ? decodeCursor<{ name: string; id: string }>(query.cursor, { name: 'text', id: 'uuid' })
      : null;
    const page = await this.documents.list(auth, {
      sphereId,
      folderId: query.folderId ?? null,
      search: query.q?.trim() || null,
      limit: query.limit,
      after,
    });
    return mapPage(page, toDocumentResponse);
  }

  @Get('documents/:id')
  @Policy('read', 'Document')
  @ApiOperation({ summary: 'A document I may read' })
  @ApiOkResponse({ type: DocumentResponse })
  @ApiProblems(401, 404)
  get(@Auth() auth: AuthContext, @Param('id', Id) id: string) {
    return this.documents.get(auth, id).then(toDocumentResponse);
  }

  @Get('documents/:id/versions')
  @Policy('read', 'Document')
  @ApiOperation({ summary: "A document's versions, newest first" })
  @ApiOkResponse({ type: VersionList })
  @ApiProblems(401, 404)
  async versions(@Auth() auth: AuthContext, @Param('id', Id) id: string): Promise<VersionList> {
    return { items: (await this.documents.versions(auth, id)).map(toVersionResponse) };
  }

  @Get('documents/:id/content')
  @Policy('read', 'Document')
  @ApiOperation({ summary: 'The bytes (current version, or `?version=`), as an attachment; Range, ETag' })
  @ApiOkResponse({
    description: 'the bytes, as an attachment, with the type they were sniffed as',
    content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse({ status: 206, description: 'one byte range (`Range: bytes=…`), with Content-Range' })
  @ApiResponse({ status: 302, description: 'with signed URLs on (S3): to a short-lived URL of the bytes' })
  @ApiResponse({ status: 304, description: 'unchanged (`If-None-Match` with the ETag, the sha256)' })
  @ApiProblems(400, 401, 404, 416, 422)
  async content(
    @Auth() auth: AuthContext,
    @Param('id', Id) id: string,
    @Query() query: ContentQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const content = await this.documents.content(auth, id, query.version ?? null);
    await sendDocument(request, reply, this.storage, content, this.config.storage.signedUrlSeconds);
  }

  @Post('documents/:id/versions')
  @Policy('update', 'Document')
  @ApiOperation({ summary: 'Upload a new version (the uploader or an animator); earlier ones stay' })
  @ApiConsumes('multipart/form-data')
  @ApiBody(MULTIPART_BODY)
  @ApiCreatedResponse({ type: DocumentResponse })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  addVersion(
    @Auth() auth: AuthContext,
    @Param('id', Id) id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DocumentResponse> {
    return this.receive(request, reply, () => ({ documentId: id }), auth);
  }

  @Patch('documents/:id')
  @Policy('update', 'Document')
  @ApiOperation({ summary: 'Rename a document or move it to another folder of its sphere' })
  @ApiOkResponse({ type: DocumentResponse })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  change(@Auth() auth: AuthContext, @Param('id', Id) id: string, @Body() dto: ChangeDocumentDto) {
    return this.documents.change(auth, id, dto).then(toDocumentResponse);
  }

  @Delete('documents/:id')
  @HttpCode(204)
  @Policy('delete', 'Document')
  @ApiOperation({ summary: 'Delete a document (the uploader, or an animator: audited); its bytes go later' })
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiProblems(401, 403, 404, 409)
  remove(@Auth() auth: AuthContext, @Param('id', Id) id: string) {
    return this.documents.remove(auth, id);
  }

  /**
   * Streams a multipart file into a document. On a refusal the connection closes after the answer:
   * the rest of a file too large is never read.
   */
  private async receive(
    request: FastifyRequest,
    reply: FastifyReply,
    target: (fields: Record<string, string>) => UploadTarget,
    auth: AuthContext,
    idempotencyKey?: string,
  ): Promise<DocumentResponse> {
    try {
      const file = await multipartFile(request, this.config.documents.maxBytes);
      const declared = { name: file.name, type: file.type, size: null };
      const document = await this.uploads.store(auth, target(file.fields), declared, file.stream, idempotencyKey);
      reply.status(201);
      return toDocumentResponse({ ...document, removable: true });
    } catch (error) {
      reply.header('connection', 'close');
      throw error;
    }
  }
}
