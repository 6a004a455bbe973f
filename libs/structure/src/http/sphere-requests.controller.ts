import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { SphereRequestDecisionsService } from '../sphere-request-decisions.service';
import { SphereRequestsService } from '../sphere-requests.service';
import {
  ApproveSphereRequestDto,
  CreateSphereRequestDto,
  RejectSphereRequestDto,
  SphereRequestListQuery,
} from './sphere-requests.dto';
import { toSphereRequest } from './sphere-requests.mappers';
import { mapPage, toSphere } from './structure.mappers';

const Id = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

/**
 * Sphere requests. Members may ask whatever the organisation's `sphereCreation` says: a request
 * creates nothing by itself (with `managers`, the managers still decide), and refusing it would send
 * people back to e-mail. Approving needs `create_child` on the parent, like creating the sphere would.
 */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations/:orgId/sphere-requests')
export class SphereRequestsController {
  constructor(
    private readonly requests: SphereRequestsService,
    private readonly decisions: SphereRequestDecisionsService,
  ) {}

  @Post()
  @Policy('create', 'SphereRequest')
  async create(@Auth() auth: AuthContext, @Param('orgId', Id) orgId: string, @Body() dto: CreateSphereRequestDto) {
    const { request, similar } = await this.requests.create(auth, orgId, dto);
    return { ...toSphereRequest(request), similar };
  }

  @Get()
  @Policy('read', 'SphereRequest')
  list(@Auth() auth: AuthContext, @Param('orgId', Id) orgId: string, @Query() query: SphereRequestListQuery) {
    return this.requests.list(auth, orgId, query).then((page) => mapPage(page, toSphereRequest));
  }

  @Post(':requestId/approve')
  @HttpCode(200)
  @Policy('update', 'SphereRequest')
  async approve(
    @Auth() auth: AuthContext,
    @Param('orgId', Id) orgId: string,
    @Param('requestId', Id) requestId: string,
    @Body() dto: ApproveSphereRequestDto,
  ) {
    const { request, sphere } = await this.decisions.approve(auth, orgId, requestId, dto);
    return { request: toSphereRequest(request), sphere: toSphere(sphere) };
  }

  @Post(':requestId/reject')
  @HttpCode(200)
  @Policy('update', 'SphereRequest')
  reject(
    @Auth() auth: AuthContext,
    @Param('orgId', Id) orgId: string,
    @Param('requestId', Id) requestId: string,
    @Body() dto: RejectSphereRequestDto,
  ) {
    return this.decisions.reject(auth, orgId, requestId, dto.reason).then(toSphereRequest);
  }
}
