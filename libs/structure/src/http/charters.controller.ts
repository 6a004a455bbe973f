import { Controller, Get, HttpCode, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiProblems, Body, Param } from '@alveole/core';
import { ChartersService } from '../charters.service';
import {
  AcceptCharterDto,
  CharterAcceptedResponse,
  CharterResponse,
  OrganisationCharterResponse,
  PublishCharterDto,
  SphereCharterResponse,
} from './charters.dto';

const Id = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

@ApiTags('charters')
@ApiBearerAuth()
@Controller()
export class ChartersController {
  constructor(private readonly charters: ChartersService) {}

  /** Publishes the next version (owners and system managers of the whole organisation). */
  @Put('organisations/:orgId/charter')
  @Policy('edit_charter', 'Organisation')
  @ApiOperation({ summary: 'Publish the next charter version; members accept it again before posting' })
  @ApiOkResponse({ type: CharterResponse })
  @ApiProblems(400, 401, 403, 404, 413, 415, 422)
  publish(@Auth() auth: AuthContext, @Param('orgId', Id) orgId: string, @Body() dto: PublishCharterDto) {
    return this.charters.publish(auth, orgId, dto.articles);
  }

  /** 404 `no-charter` until a first version is published. */
  @Get('organisations/:orgId/charter')
  @Policy('read', 'Organisation')
  @ApiOperation({ summary: 'Get the current charter of an organisation, with the version I accepted' })
  @ApiOkResponse({ type: OrganisationCharterResponse })
  @ApiProblems(401, 404)
  current(@Auth() auth: AuthContext, @Param('orgId', Id) orgId: string) {
    return this.charters.current(auth, orgId);
  }

  @Get('spheres/:sphereId/charter')
  @Policy('read', 'Sphere')
  @ApiOperation({ summary: "Get the charter as a sphere's members see it, with what I still have to accept" })
  @ApiOkResponse({ type: SphereCharterResponse })
  @ApiProblems(401, 403, 404)
  forSphere(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string) {
    return this.charters.forSphere(auth, sphereId);
  }

  /** 409 `charter-version-outdated` when `version` is not the current one. */
  @Post('spheres/:sphereId/charter/accept')
  @HttpCode(200)
  @Policy('accept_charter', 'Sphere')
  @ApiOperation({
    summary: "Accept the organisation's current charter version (for all its spheres) and this sphere's addendum",
  })
  @ApiOkResponse({ type: CharterAcceptedResponse })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  accept(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string, @Body() dto: AcceptCharterDto) {
    return this.charters.accept(auth, sphereId, dto.version, dto.addendumVersion);
  }
}
