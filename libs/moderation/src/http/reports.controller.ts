import { Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiProblems, Body } from '@alveole/core';
import { ReportsService } from '../reports.service';
import { CreateReportDto } from './moderation.dto';
import { ReportResponse, toReportResponse } from './moderation.responses';

@ApiTags('moderation')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @Policy('create', 'Report')
  @ApiOperation({ summary: 'Report a post or comment I can read, citing a charter article or a category' })
  @ApiCreatedResponse({ type: ReportResponse })
  @ApiProblems(401, 404, 409, 422, 429)
  create(@Auth() auth: AuthContext, @Body() dto: CreateReportDto): Promise<ReportResponse> {
    return this.reports.file(auth, dto).then(toReportResponse);
  }
}
