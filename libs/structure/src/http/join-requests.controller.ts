import { Controller, Get, HttpCode, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiProblems, Param, Query } from '@alveole/core';
import { JoinRequestsService } from '../join-requests.service';
import { PageQuery } from './structure.dto';
import { mapPage, toMember, toMembership } from './structure.mappers';
import { MemberPage, MembershipResponse } from './structure.responses';

const Id = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

/** Join requests of a private sphere, for its animators and admins (and managers in scope). */
@ApiTags('spheres')
@ApiBearerAuth()
@Controller('spheres/:sphereId/join-requests')
export class JoinRequestsController {
  constructor(private readonly joinRequests: JoinRequestsService) {}

  @Get()
  @Policy('moderate', 'Sphere')
  @ApiOperation({ summary: 'List the pending join requests of a sphere (status `requested`)' })
  @ApiOkResponse({ type: MemberPage })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  list(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string, @Query() query: PageQuery) {
    return this.joinRequests.list(auth, sphereId, query.limit, query.cursor).then((page) => mapPage(page, toMember));
  }

  @Post(':userId/approve')
  @HttpCode(200)
  @Policy('moderate', 'Sphere')
  @ApiOperation({ summary: 'Approve a join request: the membership becomes active' })
  @ApiOkResponse({ type: MembershipResponse, description: 'the membership, now `active`' })
  @ApiProblems(401, 403, 404, 409)
  approve(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string, @Param('userId', Id) userId: string) {
    return this.joinRequests.approve(auth, sphereId, userId).then(toMembership);
  }

  @Post(':userId/reject')
  @HttpCode(204)
  @Policy('moderate', 'Sphere')
  @ApiOperation({ summary: 'Reject a join request (the user may ask again)' })
  @ApiNoContentResponse({ description: 'the request is deleted' })
  @ApiProblems(401, 403, 404, 409)
  async reject(
    @Auth() auth: AuthContext,
    @Param('sphereId', Id) sphereId: string,
    @Param('userId', Id) userId: string,
  ) {
    await this.joinRequests.reject(auth, sphereId, userId);
  }
}
