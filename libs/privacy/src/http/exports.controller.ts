import { Controller, Get, HttpCode, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiProblems, Param } from '@alveole/core';
import { DataExportsService } from '../data-exports.service';
import { ExportLinkResponse, ExportList, ExportResponse, toExportResponse } from './exports.responses';

const Id = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

/** Export of my data (GDPR art. 15/20): ask, follow, get a link. */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller('me')
export class ExportsController {
  constructor(private readonly exports: DataExportsService) {}

  @Post('export')
  @HttpCode(202)
  @Policy('create', 'DataExport')
  @ApiOperation({ summary: 'Ask for a ZIP of my data; it is built in the background (one at a time, 3 a day)' })
  @ApiAcceptedResponse({ type: ExportResponse })
  @ApiProblems(401, 409, 429)
  async request(@Auth() auth: AuthContext): Promise<ExportResponse> {
    return toExportResponse(await this.exports.request(auth));
  }

  @Get('exports')
  @Policy('read', 'DataExport')
  @ApiOperation({ summary: 'My exports with their status, size and dates' })
  @ApiOkResponse({ type: ExportList })
  @ApiProblems(401)
  async list(@Auth() auth: AuthContext): Promise<ExportList> {
    return { items: (await this.exports.list(auth)).map(toExportResponse) };
  }

  @Post('exports/:id/link')
  @Policy('read', 'DataExport')
  @ApiOperation({ summary: 'A single-use download link for a ready export, valid 10 minutes' })
  @ApiCreatedResponse({ type: ExportLinkResponse })
  @ApiProblems(401, 404, 409)
  async link(@Auth() auth: AuthContext, @Param('id', Id) id: string): Promise<ExportLinkResponse> {
    const { url, expiresAt } = await this.exports.link(auth, id);
    return { url, expiresAt: expiresAt.toISOString() };
  }
}
