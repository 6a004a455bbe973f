import { Controller, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiProblems, Param } from '@alveole/core';
import { MemberResetCodesService } from '../member-reset-codes.service';
import { ResetCodeResponse } from './structure.responses';

const Id = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

@ApiTags('spheres')
@ApiBearerAuth()
@Controller('spheres/:sphereId/members/:userId/reset-code')
export class MemberResetCodesController {
  constructor(private readonly resetCodes: MemberResetCodesService) {}

  @Post()
  @Policy('moderate', 'Sphere')
  @ApiOperation({
    summary: 'Give a member a one-time password reset code (animators, sphere admins, managers in scope)',
    description:
      'For an active member of the sphere ranked below the caller in the organisation; never for an owner, a system ' +
      'manager or an instance admin (403). The code works once, for 15 minutes; a new one voids the previous one. ' +
      'Audit-logged as member.reset_code_issued (without the code).',
  })
  @ApiCreatedResponse({ type: ResetCodeResponse })
  @ApiProblems(401, 403, 404, 409)
  issue(
    @Auth() auth: AuthContext,
    @Param('sphereId', Id) sphereId: string,
    @Param('userId', Id) userId: string,
  ): Promise<ResetCodeResponse> {
    return this.resetCodes
      .issue(auth, sphereId, userId)
      .then(({ code, expiresAt }) => ({ code, expiresAt: expiresAt.toISOString() }));
  }
}
