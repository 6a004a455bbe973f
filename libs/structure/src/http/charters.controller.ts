import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ChartersService } from '../charters.service';
import {
  AcceptCharterDto,
  CharterAcceptedResponse,
  CharterResponse,
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
  @ApiOkResponse({ type: CharterResponse })
  publish(@Auth() auth: AuthContext, @Param('orgId', Id) orgId: string, @Body() dto: PublishCharterDto) {
    return this.charters.publish(auth, orgId, dto.articles);
  }

  /** 404 `no-charter` until a first version is published. */
  @Get('organisations/:orgId/charter')
  @Policy('read', 'Organisation')
  @ApiOkResponse({ type: CharterResponse })
  current(@Auth() auth: AuthContext, @Param('orgId', Id) orgId: string) {
    return this.charters.current(auth, orgId);
  }

  @Get('spheres/:sphereId/charter')
  @Policy('read', 'Sphere')
  @ApiOkResponse({ type: SphereCharterResponse })
  forSphere(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string) {
    return this.charters.forSphere(auth, sphereId);
  }

  /** 409 `charter-version-outdated` when `version` is not the current one. */
  @Post('spheres/:sphereId/charter/accept')
  @HttpCode(200)
  @Policy('accept_charter', 'Sphere')
  @ApiOkResponse({ type: CharterAcceptedResponse })
  accept(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string, @Body() dto: AcceptCharterDto) {
    return this.charters.accept(auth, sphereId, dto.version);
  }
}
