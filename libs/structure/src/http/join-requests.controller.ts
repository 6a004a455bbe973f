import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { JoinRequestsService } from '../join-requests.service';
import { PageQuery } from './structure.dto';
import { toMembership } from './structure.mappers';

const Id = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

/** Join requests of a private sphere, for its animators and admins (and managers in scope). */
@ApiTags('spheres')
@ApiBearerAuth()
@Controller('spheres/:sphereId/join-requests')
export class JoinRequestsController {
  constructor(private readonly joinRequests: JoinRequestsService) {}

  @Get()
  @Policy('moderate', 'Sphere')
  @ApiOkResponse({
    description: '`{ items: [{ userId, displayName, role, status: "requested", joinedAt }], nextCursor }`',
  })
  list(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string, @Query() query: PageQuery) {
    return this.joinRequests.list(auth, sphereId, query.limit, query.cursor);
  }

  @Post(':userId/approve')
  @HttpCode(200)
  @Policy('moderate', 'Sphere')
  @ApiOkResponse({ description: 'the membership, now `active`; 404 when the user has no pending request' })
  approve(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string, @Param('userId', Id) userId: string) {
    return this.joinRequests.approve(auth, sphereId, userId).then(toMembership);
  }

  @Post(':userId/reject')
  @HttpCode(204)
  @Policy('moderate', 'Sphere')
  @ApiNoContentResponse({ description: 'the request is deleted (the user may ask again); 404 when there is none' })
  async reject(
    @Auth() auth: AuthContext,
    @Param('sphereId', Id) sphereId: string,
    @Param('userId', Id) userId: string,
  ) {
    await this.joinRequests.reject(auth, sphereId, userId);
  }
}
