import { Controller, Delete, Get, HttpCode, ParseUUIDPipe, Patch, Post, Put, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiProblems, Body, Param, Query } from '@alveole/core';
import { MembershipsService } from '../memberships.service';
import { SpheresService } from '../spheres.service';
import { MoveSphereDto, PageQuery, PutMemberDto, UpdateSphereDto } from './structure.dto';
import { mapPage, toMember, toMembership, toSphere } from './structure.mappers';
import { MemberPage, MembershipResponse, SphereResponse } from './structure.responses';

const Id = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

@ApiTags('spheres')
@ApiBearerAuth()
@Controller('spheres/:sphereId')
export class SpheresController {
  constructor(
    private readonly spheres: SpheresService,
    private readonly memberships: MembershipsService,
  ) {}

  @Get()
  @Policy('read', 'Sphere')
  @ApiOperation({ summary: 'Get a sphere I may see' })
  @ApiOkResponse({ type: SphereResponse })
  @ApiProblems(401, 404)
  get(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string) {
    return this.spheres.get(auth, sphereId).then(toSphere);
  }

  @Patch()
  @Policy('update', 'Sphere')
  @ApiOperation({ summary: 'Change the settings of a sphere (its admins, system managers in scope)' })
  @ApiOkResponse({ type: SphereResponse })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  update(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string, @Body() dto: UpdateSphereDto) {
    return this.spheres.update(auth, sphereId, dto).then(toSphere);
  }

  @Post('move')
  @HttpCode(200)
  @Policy('move', 'Sphere')
  @ApiOperation({ summary: 'Move a sphere and its subtree under another parent (system managers of both places)' })
  @ApiOkResponse({ type: SphereResponse })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  move(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string, @Body() dto: MoveSphereDto) {
    return this.spheres.move(auth, sphereId, dto.parentId).then(toSphere);
  }

  @Post('archive')
  @HttpCode(200)
  @Policy('archive', 'Sphere')
  @ApiOperation({ summary: 'Archive a sphere: it stays readable, nothing can be written to it' })
  @ApiOkResponse({ type: SphereResponse })
  @ApiProblems(401, 403, 404, 409)
  archive(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string) {
    return this.spheres.archive(auth, sphereId).then(toSphere);
  }

  @Get('members')
  @Policy('read_members', 'Sphere')
  @ApiOperation({ summary: 'List the active and muted members of a sphere' })
  @ApiOkResponse({ type: MemberPage })
  @ApiProblems(400, 401, 403, 404, 422)
  members(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string, @Query() query: PageQuery) {
    return this.memberships.list(auth, sphereId, query.limit, query.cursor).then((page) => mapPage(page, toMember));
  }

  @Put('members/:userId')
  @Policy('manage_members', 'Sphere')
  @ApiOperation({
    summary: 'Add a member of the organisation to the sphere, or change their role',
    description:
      'The user must already belong to the organisation (people come in through an invitation they accept); ' +
      'someone outside it answers 404 "User not found", exactly like an id nobody has. Instance admins may add ' +
      'any account. Concurrent identical requests give one 201 and one audit entry.',
  })
  @ApiCreatedResponse({ type: MembershipResponse, description: 'added' })
  @ApiOkResponse({ type: MembershipResponse, description: 'role changed, or already so (nothing recorded)' })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  async putMember(
    @Auth() auth: AuthContext,
    @Param('sphereId', Id) sphereId: string,
    @Param('userId', Id) userId: string,
    @Body() dto: PutMemberDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MembershipResponse> {
    const { created, membership } = await this.memberships.put(auth, sphereId, userId, dto.role, dto.expiresAt ?? null);
    reply.status(created ? 201 : 200);
    return toMembership(membership);
  }

  /** A sphere admin removes a member, or a user leaves (their own id). */
  @Delete('members/:userId')
  @HttpCode(204)
  @Policy('read', 'Sphere')
  @ApiOperation({ summary: 'Remove a member (sphere admins), or leave the sphere (your own id)' })
  @ApiNoContentResponse({ description: 'removed; their sockets leave the sphere rooms at once' })
  @ApiProblems(401, 403, 404, 409)
  async removeMember(
    @Auth() auth: AuthContext,
    @Param('sphereId', Id) sphereId: string,
    @Param('userId', Id) userId: string,
  ) {
    await this.memberships.remove(auth, sphereId, userId);
  }

  @Post('join')
  @Policy('join', 'Sphere')
  @ApiOperation({ summary: 'Join a sphere: public → active, private → requested (secret spheres are 404)' })
  @ApiCreatedResponse({ type: MembershipResponse })
  @ApiProblems(401, 403, 404, 409)
  join(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string) {
    return this.memberships.join(auth, sphereId).then(toMembership);
  }
}
