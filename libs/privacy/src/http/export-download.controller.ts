import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@alveole/access';
import { ApiProblems, Param } from '@alveole/core';
import { DataExportsService } from '../data-exports.service';

/** The download link of an export: public, the token is the credential, and it works once. */
@ApiTags('privacy')
@Controller('exports')
export class ExportDownloadController {
  constructor(private readonly exports: DataExportsService) {}

  @Get(':token')
  @Public()
  @ApiOperation({ summary: 'Download my export through its single-use link (no session needed)' })
  @ApiOkResponse({
    description: 'the ZIP, as an attachment',
    content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(404, 410)
  async download(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const { stream, size, requestedAt } = await this.exports.download(token);
    const day = requestedAt.toISOString().slice(0, 10);
    reply
      .status(200)
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="my-data-${day}.zip"`)
      .header('content-length', size)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      // the token is in the path: never pass it on to another site
      .header('referrer-policy', 'no-referrer');
    return void reply.send(stream);
  }
}
