import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { MembershipsService } from '../memberships.service';
import { SpheresService } from '../spheres.service';
import { MoveSphereDto, PageQuery, PutMemberDto, UpdateSphereDto } from './structure.dto';
import { toMembership, toSphere } from './structure.mappers';

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
  get(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string) {
    return this.spheres.get(auth, sphereId).then(toSphere);
  }

  @Patch()
  @Policy('update', 'Sphere')
  update(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string, @Body() dto: UpdateSphereDto) {
    return this.spheres.update(auth, sphereId, dto).then(toSphere);
  }

  @Post('move')
  @HttpCode(200)
  @Policy('move', 'Sphere')
  move(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string, @Body() dto: MoveSphereDto) {
    return this.spheres.move(auth, sphereId, dto.parentId).then(toSphere);
  }

  @Post('archive')
  @HttpCode(200)
  @Policy('archive', 'Sphere')
  archive(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string) {
    return this.spheres.archive(auth, sphereId).then(toSphere);
  }

  @Get('members')
  @Policy('read_members', 'Sphere')
  members(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string, @Query() query: PageQuery) {
    return this.memberships.list(auth, sphereId, query.limit, query.cursor);
  }

  @Put('members/:userId')
  @Policy('manage_members', 'Sphere')
  async putMember(
    @Auth() auth: AuthContext,
    @Param('sphereId', Id) sphereId: string,
    @Param('userId', Id) userId: string,
    @Body() dto: PutMemberDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { created, membership } = await this.memberships.put(auth, sphereId, userId, dto.role, dto.expiresAt ?? null);
    reply.status(created ? 201 : 200);
    return toMembership(membership);
  }

  /** A sphere admin removes a member, or a user leaves (their own id). */
  @Delete('members/:userId')
  @HttpCode(204)
  @Policy('read', 'Sphere')
  async removeMember(
    @Auth() auth: AuthContext,
    @Param('sphereId', Id) sphereId: string,
    @Param('userId', Id) userId: string,
  ) {
    await this.memberships.remove(auth, sphereId, userId);
  }

  @Post('join')
  @Policy('join', 'Sphere')
  join(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string) {
    return this.memberships.join(auth, sphereId).then(toMembership);
  }
}
