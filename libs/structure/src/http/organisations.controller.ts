import { Controller, Delete, Get, HttpCode, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiProblems, Body, decodeIdCursor, Param, Query } from '@alveole/core';
import { OrganisationsService } from '../organisations.service';
import { RolesService } from '../roles.service';
import { SpheresService } from '../spheres.service';
import {
  CreateOrganisationDto,
  CreateSphereDto,
  GrantRoleDto,
  PageQuery,
  SphereListQuery,
  UpdateOrganisationDto,
} from './structure.dto';
import { mapPage, toOrganisation, toRoleAssignment, toSphere } from './structure.mappers';
import {
  ActiveRolePage,
  CreatedSphereResponse,
  OrganisationPage,
  OrganisationResponse,
  RoleAssignmentResponse,
  SpherePage,
} from './structure.responses';

const Id = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly roles: RolesService,
    private readonly spheres: SpheresService,
  ) {}

  @Post()
  @Policy('create', 'Organisation')
  @ApiOperation({ summary: 'Create an organisation (instance admins); its owner becomes org_owner' })
  @ApiCreatedResponse({ type: OrganisationResponse })
  @ApiProblems(400, 401, 403, 409, 413, 415, 422)
  create(@Auth() auth: AuthContext, @Body() dto: CreateOrganisationDto) {
    return this.organisations.create(auth, dto).then(toOrganisation);
  }

  @Get()
  @Policy('read', 'Organisation')
  @ApiOperation({ summary: 'List the organisations I belong to (all of them for instance admins)' })
  @ApiOkResponse({ type: OrganisationPage })
  @ApiProblems(400, 401, 422)
  list(@Auth() auth: AuthContext, @Query() query: PageQuery) {
    return this.organisations.list(auth, query.limit, query.cursor).then((page) => mapPage(page, toOrganisation));
  }

  @Get(':orgId')
  @Policy('read', 'Organisation')
  @ApiOperation({ summary: 'Get an organisation I belong to' })
  @ApiOkResponse({ type: OrganisationResponse })
  @ApiProblems(401, 404)
  get(@Auth() auth: AuthContext, @Param('orgId', Id) orgId: string) {
    return this.organisations.get(auth, orgId).then(toOrganisation);
  }

  @Patch(':orgId')
  @Policy('update', 'Organisation')
  @ApiOperation({ summary: 'Change the name or policies of an organisation (its owners)' })
  @ApiOkResponse({ type: OrganisationResponse })
  @ApiProblems(400, 401, 403, 404, 413, 415, 422)
  update(@Auth() auth: AuthContext, @Param('orgId', Id) orgId: string, @Body() dto: UpdateOrganisationDto) {
    return this.organisations.update(auth, orgId, dto).then(toOrganisation);
  }

  @Post(':orgId/roles')
  @Policy('read', 'Organisation')
  @ApiOperation({
    summary: 'Grant an organisation role, for the whole tree or a subtree (delegation rules apply)',
    description:
      'The user must already belong to the organisation; someone outside it and an id nobody has both answer ' +
      '422 (userId: no member of this organisation has this id). Instance admins may grant to any account.',
  })
  @ApiCreatedResponse({ type: RoleAssignmentResponse })
  @ApiProblems(400, 401, 403, 404, 413, 415, 422)
  grantRole(@Auth() auth: AuthContext, @Param('orgId', Id) orgId: string, @Body() dto: GrantRoleDto) {
    return this.roles.grant(auth, orgId, dto).then(toRoleAssignment);
  }

  @Get(':orgId/roles')
  @Policy('read', 'Organisation')
  @ApiOperation({
    summary:
      'List the roles in force that I may revoke, with names (owners: within their scope; managers: strictly inside)',
  })
  @ApiOkResponse({ type: ActiveRolePage })
  @ApiProblems(400, 401, 404, 422)
  listRoles(@Auth() auth: AuthContext, @Param('orgId', Id) orgId: string, @Query() query: PageQuery) {
    return this.roles
      .list(auth, orgId, decodeIdCursor(query.cursor), query.limit)
      .then((page) => mapPage(page, ({ scopePath: _path, ...role }) => role));
  }

  @Delete(':orgId/roles/:assignmentId')
  @HttpCode(204)
  @Policy('read', 'Organisation')
  @ApiOperation({ summary: 'Revoke an organisation role (never the last owner of the whole organisation)' })
  @ApiNoContentResponse({ description: 'revoked' })
  @ApiProblems(401, 403, 404, 409)
  async revokeRole(
    @Auth() auth: AuthContext,
    @Param('orgId', Id) orgId: string,
    @Param('assignmentId', Id) assignmentId: string,
  ) {
    await this.roles.revoke(auth, orgId, assignmentId);
  }

  @Get(':orgId/spheres')
  @Policy('read', 'Sphere')
  @ApiOperation({ summary: 'List the spheres of an organisation I may see, as a flat tree (`?parentId=` filters)' })
  @ApiOkResponse({ type: SpherePage })
  @ApiProblems(400, 401, 404, 422)
  listSpheres(@Auth() auth: AuthContext, @Param('orgId', Id) orgId: string, @Query() query: SphereListQuery) {
    return this.spheres.list(auth, orgId, query).then((page) => mapPage(page, toSphere));
  }

  @Post(':orgId/spheres')
  @Policy('create_child', 'Sphere')
  @ApiOperation({ summary: 'Create a sphere under `parentId` (system managers in scope), or a top-level one' })
  @ApiCreatedResponse({ type: CreatedSphereResponse })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  async createSphere(
    @Auth() auth: AuthContext,
    @Param('orgId', Id) orgId: string,
    @Body() dto: CreateSphereDto,
  ): Promise<CreatedSphereResponse> {
    const { sphere, similar } = await this.spheres.create(auth, orgId, dto);
    return { ...toSphere(sphere), similar };
  }
}
