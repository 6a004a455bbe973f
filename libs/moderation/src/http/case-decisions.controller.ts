import { Controller, Delete, HttpCode, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiProblems, Body, Param } from '@alveole/core';
import { ClaimsService } from '../claims.service';
import { DecisionsService } from '../decisions.service';
import { EscalationService } from '../escalation.service';
import { DecisionDto, EscalationDto } from './moderation.dto';
import { CaseResponse, toCaseResponse } from './moderation.responses';

const Id = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

@ApiTags('moderation')
@ApiBearerAuth()
@Controller('moderation/cases/:caseId')
export class CaseDecisionsController {
  constructor(
    private readonly claims: ClaimsService,
    private readonly decisions: DecisionsService,
    private readonly escalation: EscalationService,
  ) {}

  @Post('claim')
  @HttpCode(200)
  @Policy('decide', 'ModerationCase')
  @ApiOperation({ summary: 'Take a case before deciding it (15 minutes; claiming again renews)' })
  @ApiOkResponse({ type: CaseResponse })
  @ApiProblems(401, 403, 404, 409)
  claim(@Auth() auth: AuthContext, @Param('caseId', Id) caseId: string): Promise<CaseResponse> {
    return this.claims.claim(auth, caseId).then(toCaseResponse);
  }

  @Delete('claim')
  @HttpCode(204)
  @Policy('decide', 'ModerationCase')
  @ApiOperation({ summary: 'Give my claim back' })
  @ApiNoContentResponse()
  @ApiProblems(401, 403, 404, 409)
  release(@Auth() auth: AuthContext, @Param('caseId', Id) caseId: string): Promise<void> {
    return this.claims.release(auth, caseId);
  }

  @Post('decisions')
  @HttpCode(200)
  @Policy('decide', 'ModerationCase')
  @ApiOperation({ summary: 'Decide a case I claimed; reporters and the author are told' })
  @ApiOkResponse({ type: CaseResponse })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  decide(
    @Auth() auth: AuthContext,
    @Param('caseId', Id) caseId: string,
    @Body() dto: DecisionDto,
  ): Promise<CaseResponse> {
    return this.decisions.decide(auth, caseId, dto).then(toCaseResponse);
  }

  @Post('escalation')
  @HttpCode(200)
  @Policy('escalate', 'ModerationCase')
  @ApiOperation({ summary: 'Send an open case up to the system managers of the territory' })
  @ApiOkResponse({ type: CaseResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  escalate(
    @Auth() auth: AuthContext,
    @Param('caseId', Id) caseId: string,
    @Body() dto: EscalationDto,
  ): Promise<CaseResponse> {
    return this.escalation.byAnimator(auth, caseId, dto.reason).then(toCaseResponse);
  }
}
