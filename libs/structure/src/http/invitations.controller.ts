import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { InvitationsService, SharedInvitation } from '../invitations.service';
import { AcceptedInvitationResponse, CreateInvitationDto, InvitationResponse } from './invitations.dto';
import { PageQuery } from './structure.dto';
import { mapPage } from './structure.mappers';

const Id = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

/** A sphere's invitation codes and links, for those who manage its members. */
@ApiTags('spheres')
@ApiBearerAuth()
@Controller('spheres/:sphereId/invitations')
export class SphereInvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post()
  @Policy('manage_members', 'Sphere')
  @ApiCreatedResponse({ type: InvitationResponse })
  create(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string, @Body() dto: CreateInvitationDto) {
    return this.invitations.create(auth, sphereId, dto).then(toInvitation);
  }

  @Get()
  @Policy('manage_members', 'Sphere')
  @ApiOkResponse({ description: '`{ items: Invitation[], nextCursor }`: the usable ones, newest first' })
  list(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string, @Query() query: PageQuery) {
    return this.invitations.list(auth, sphereId, query.limit, query.cursor).then((page) => mapPage(page, toInvitation));
  }

  @Delete(':invitationId')
  @HttpCode(204)
  @Policy('manage_members', 'Sphere')
  @ApiNoContentResponse({ description: 'revoked; 404 when unknown or already revoked' })
  async revoke(
    @Auth() auth: AuthContext,
    @Param('sphereId', Id) sphereId: string,
    @Param('invitationId', Id) invitationId: string,
  ) {
    await this.invitations.revoke(auth, sphereId, invitationId);
  }
}

@ApiTags('spheres')
@ApiBearerAuth()
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  /** 404 unknown code, 410 `invitation-gone`, 409 `already-member` / `sphere-archived`, 403 `banned`. */
  @Post(':code/accept')
  @HttpCode(200)
  @Policy('join', 'Invitation')
  @ApiOkResponse({ type: AcceptedInvitationResponse })
  accept(@Auth() auth: AuthContext, @Param('code') code: string): Promise<AcceptedInvitationResponse> {
    return this.invitations.accept(auth, code);
  }
}

function toInvitation(i: SharedInvitation): InvitationResponse {
  return {
    id: i.id,
    sphereId: i.sphereId,
    code: i.code,
    url: i.url,
    role: i.role,
    maxUses: i.maxUses,
    uses: i.uses,
    expiresAt: i.expiresAt,
    createdAt: i.createdAt,
  };
}
