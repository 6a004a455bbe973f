import { Controller, Get, HttpCode, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiProblems, Body, Param, Query } from '@alveole/core';
import { SphereRequestDecisionsService } from '../sphere-request-decisions.service';
import { SphereRequestsService } from '../sphere-requests.service';
import {
  ApproveSphereRequestDto,
  CreateSphereRequestDto,
  RejectSphereRequestDto,
  SphereRequestListQuery,
} from './sphere-requests.dto';
import { toSphereRequest } from './sphere-requests.mappers';
import {
  ApprovedSphereRequestResponse,
  CreatedSphereRequestResponse,
  SphereRequestPage,
  SphereRequestResponse,
} from './sphere-requests.responses';
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
  @ApiOperation({ summary: 'Ask for a new sphere under `parentId`; near-duplicates come back in `similar`' })
  @ApiCreatedResponse({ type: CreatedSphereRequestResponse })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  async create(
    @Auth() auth: AuthContext,
    @Param('orgId', Id) orgId: string,
    @Body() dto: CreateSphereRequestDto,
  ): Promise<CreatedSphereRequestResponse> {
    const { request, similar } = await this.requests.create(auth, orgId, dto);
    return { ...toSphereRequest(request), similar };
  }

  @Get()
  @Policy('read', 'SphereRequest')
  @ApiOperation({ summary: 'List the sphere requests in my scope (`?status=`, pending by default)' })
  @ApiOkResponse({ type: SphereRequestPage })
  @ApiProblems(400, 401, 403, 404, 422)
  list(@Auth() auth: AuthContext, @Param('orgId', Id) orgId: string, @Query() query: SphereRequestListQuery) {
    return this.requests.list(auth, orgId, query).then((page) => mapPage(page, toSphereRequest));
  }

  @Post(':requestId/approve')
  @HttpCode(200)
  @Policy('update', 'SphereRequest')
  @ApiOperation({ summary: 'Approve a sphere request: the sphere is created and the requester becomes its admin' })
  @ApiOkResponse({ type: ApprovedSphereRequestResponse })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  async approve(
    @Auth() auth: AuthContext,
    @Param('orgId', Id) orgId: string,
    @Param('requestId', Id) requestId: string,
    @Body() dto: ApproveSphereRequestDto,
  ): Promise<ApprovedSphereRequestResponse> {
    const { request, sphere } = await this.decisions.approve(auth, orgId, requestId, dto);
    return { request: toSphereRequest(request), sphere: toSphere(sphere) };
  }

  @Post(':requestId/reject')
  @HttpCode(200)
  @Policy('update', 'SphereRequest')
  @ApiOperation({ summary: 'Reject a sphere request, with a reason told to the requester' })
  @ApiOkResponse({ type: SphereRequestResponse })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  reject(
    @Auth() auth: AuthContext,
    @Param('orgId', Id) orgId: string,
    @Param('requestId', Id) requestId: string,
    @Body() dto: RejectSphereRequestDto,
  ) {
    return this.decisions.reject(auth, orgId, requestId, dto.reason).then(toSphereRequest);
  }
}
