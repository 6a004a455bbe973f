import type { OutgoingHttpHeaders } from 'node:http';
import { Controller, Delete, Head, HttpCode, Options, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth, AuthContext, Policy, Public } from '@alveole/access';
import { ApiProblems, AppException, Param } from '@alveole/core';
import { DOCUMENT_ID_HEADER, TusUploads } from './tus-uploads';

/** tus's own upload ids (16 random bytes, hex): anything else is no upload of ours. */
const UPLOAD_ID = /^[0-9a-f]{32}$/;

/** tus answers 201 and 200 with an empty text body: what it says is in the headers. */
const EMPTY = { 'text/plain': { schema: { type: 'string', maxLength: 0 } } };
const header = (description: string) => ({ description, schema: { type: 'string' } });

const tusResumable = ApiHeader({ name: 'Tus-Resumable', required: true, schema: { type: 'string', enum: ['1.0.0'] } });

/**
 * Resumable uploads (tus 1.0.0). Each route hands the raw request to the tus server, which answers
 * on the raw response; the guard has checked the token first (the one PolicyGuard, as everywhere).
 */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('uploads')
export class TusUploadsController {
  constructor(private readonly tus: TusUploads) {}

  @Options()
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'What the tus server offers: Tus-Version, Tus-Extension, Tus-Max-Size' })
  @ApiResponse({ status: 204, description: 'capabilities in the headers' })
  @ApiProblems()
  capabilities(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.forward(undefined, request, reply);
  }

  @Post()
  @HttpCode(201)
  @Policy('post', 'Sphere')
  @tusResumable
  @ApiHeader({ name: 'Upload-Length', required: true, description: 'the file size in bytes' })
  @ApiHeader({
    name: 'Upload-Metadata',
    required: true,
    description: 'base64 values of `sphereId`, `folderId`?, `documentId`? (a new version), `filename`, `filetype`',
  })
  @ApiOperation({ summary: 'Start a resumable upload of a document (or of a new version)' })
  @ApiResponse({
    status: 201,
    description: 'created',
    content: EMPTY,
    headers: { Location: header('the upload URL, /api/v1/uploads/<id>') },
  })
  @ApiProblems(401, 403, 404, 409, 412, 413, 415, 429)
  create(@Auth() auth: AuthContext, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.forward(auth, request, reply);
  }

  @Head(':uploadId')
  @Policy('post', 'Sphere')
  @tusResumable
  @ApiOperation({ summary: 'Where an upload stands: `Upload-Offset` (the bytes received) and `Upload-Length`' })
  @ApiResponse({
    status: 200,
    description: 'where it stands',
    content: EMPTY,
    headers: {
      'Upload-Offset': header('bytes received so far'),
      'Upload-Length': header('the size declared at creation'),
    },
  })
  @ApiProblems(401, 404)
  offset(
    @Auth() auth: AuthContext,
    @Param('uploadId') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(auth, request, reply, id);
  }

  @Patch(':uploadId')
  @HttpCode(204)
  @Policy('post', 'Sphere')
  @tusResumable
  @ApiHeader({ name: 'Upload-Offset', required: true, description: 'the offset HEAD answered' })
  @ApiOperation({
    summary: `Send bytes (Content-Type: application/offset+octet-stream) from Upload-Offset; the last ones make the document, named by ${DOCUMENT_ID_HEADER}`,
  })
  @ApiResponse({
    status: 204,
    description: 'received',
    headers: {
      'Upload-Offset': header('bytes received so far'),
      [DOCUMENT_ID_HEADER]: header('on the PATCH that completes the upload: the document made'),
    },
  })
  @ApiProblems(401, 403, 404, 409, 410, 412, 413, 415)
  append(
    @Auth() auth: AuthContext,
    @Param('uploadId') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(auth, request, reply, id);
  }

  @Delete(':uploadId')
  @HttpCode(204)
  @Policy('post', 'Sphere')
  @tusResumable
  @ApiOperation({ summary: 'Abandon an upload: its bytes are removed' })
  @ApiResponse({ status: 204, description: 'terminated' })
  @ApiProblems(401, 404)
  terminate(
    @Auth() auth: AuthContext,
    @Param('uploadId') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.forward(auth, request, reply, id);
  }

  private async forward(
    auth: AuthContext | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
    id?: string,
  ): Promise<void> {
    if (id !== undefined && !UPLOAD_ID.test(id)) throw AppException.notFound('Upload');
    // the answer is the tus server's, written on the raw response with the headers already set
    void reply.hijack();
    await this.tus.handle(auth, request.raw, reply.raw, reply.getHeaders() as OutgoingHttpHeaders);
  }
}
