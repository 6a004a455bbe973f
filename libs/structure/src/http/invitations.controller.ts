import { Controller, Delete, Get, HttpCode, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiProblems, Body, Param, Query } from '@alveole/core';
import { InvitationsService, SharedInvitation } from '../invitations.service';
import { AcceptedInvitationResponse, CreateInvitationDto, InvitationPage, InvitationResponse } from './invitations.dto';
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
  @ApiOperation({ summary: 'Create an invitation code and link to a sphere' })
  @ApiCreatedResponse({ type: InvitationResponse })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  create(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string, @Body() dto: CreateInvitationDto) {
    return this.invitations.create(auth, sphereId, dto).then(toInvitation);
  }

  @Get()
  @Policy('manage_members', 'Sphere')
  @ApiOperation({ summary: 'List the usable invitations of a sphere, newest first' })
  @ApiOkResponse({ type: InvitationPage })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  list(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string, @Query() query: PageQuery) {
    return this.invitations.list(auth, sphereId, query.limit, query.cursor).then((page) => mapPage(page, toInvitation));
  }

  @Delete(':invitationId')
  @HttpCode(204)
  @Policy('manage_members', 'Sphere')
  @ApiOperation({ summary: 'Revoke an invitation' })
  @ApiNoContentResponse({ description: 'revoked; 404 when unknown or already revoked' })
  @ApiProblems(401, 403, 404, 409)
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
  @ApiOperation({ summary: 'Accept an invitation: join its sphere (and so its organisation)' })
  @ApiOkResponse({ type: AcceptedInvitationResponse })
  @ApiProblems(401, 403, 404, 409, 410)
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
