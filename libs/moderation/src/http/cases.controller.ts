import { Controller, Get, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiProblems, mapPage, Param, Query } from '@alveole/core';
import { CasesService } from '../cases.service';
import { CaseQuery, OrganisationCaseQuery } from './moderation.dto';
import { CaseDetailResponse, CasePage, toCaseDetailResponse, toCaseResponse } from './moderation.responses';

const Id = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

@ApiTags('moderation')
@ApiBearerAuth()
@Controller()
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Get('spheres/:sphereId/moderation/cases')
  @Policy('read', 'ModerationCase')
  @ApiOperation({ summary: "A sphere's moderation queue by status, newest first (its animators)" })
  @ApiOkResponse({ type: CasePage })
  @ApiProblems(401, 403, 404)
  async sphereQueue(
    @Auth() auth: AuthContext,
    @Param('sphereId', Id) sphereId: string,
    @Query() query: CaseQuery,
  ): Promise<CasePage> {
    const page = await this.cases.sphereQueue(auth, sphereId, query.status, query.limit, query.cursor);
    return mapPage(page, toCaseResponse);
  }

  @Get('moderation/cases/:caseId')
  @Policy('read', 'ModerationCase')
  @ApiOperation({ summary: 'A case with its reports, the target as reported, and its history' })
  @ApiOkResponse({ type: CaseDetailResponse })
  @ApiProblems(401, 404)
  get(@Auth() auth: AuthContext, @Param('caseId', Id) caseId: string): Promise<CaseDetailResponse> {
    return this.cases.get(auth, caseId).then(toCaseDetailResponse);
  }

  @Get('organisations/:orgId/moderation/cases')
  @Policy('read', 'ModerationCase')
  @ApiOperation({
    summary: "An organisation's escalated cases in the caller's scope, newest first (system managers, owners)",
  })
  @ApiOkResponse({ type: CasePage })
  @ApiProblems(401, 403, 404, 422)
  async organisationQueue(
    @Auth() auth: AuthContext,
    @Param('orgId', Id) orgId: string,
    @Query() query: OrganisationCaseQuery,
  ): Promise<CasePage> {
    const page = await this.cases.organisationQueue(auth, orgId, query.status, query.limit, query.cursor);
    return mapPage(page, toCaseResponse);
  }
}
