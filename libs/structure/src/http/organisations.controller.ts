import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
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
  create(@Auth() auth: AuthContext, @Body() dto: CreateOrganisationDto) {
    return this.organisations.create(auth, dto).then(toOrganisation);
  }

  @Get()
  @Policy('read', 'Organisation')
  list(@Auth() auth: AuthContext, @Query() query: PageQuery) {
    return this.organisations.list(auth, query.limit, query.cursor).then((page) => mapPage(page, toOrganisation));
  }

  @Get(':orgId')
  @Policy('read', 'Organisation')
  get(@Auth() auth: AuthContext, @Param('orgId', Id) orgId: string) {
    return this.organisations.get(auth, orgId).then(toOrganisation);
  }

  @Patch(':orgId')
  @Policy('update', 'Organisation')
  update(@Auth() auth: AuthContext, @Param('orgId', Id) orgId: string, @Body() dto: UpdateOrganisationDto) {
    return this.organisations.update(auth, orgId, dto).then(toOrganisation);
  }

  @Post(':orgId/roles')
  @Policy('read', 'Organisation')
  grantRole(@Auth() auth: AuthContext, @Param('orgId', Id) orgId: string, @Body() dto: GrantRoleDto) {
    return this.roles.grant(auth, orgId, dto).then(toRoleAssignment);
  }

  @Delete(':orgId/roles/:assignmentId')
  @HttpCode(204)
  @Policy('read', 'Organisation')
  async revokeRole(
    @Auth() auth: AuthContext,
    @Param('orgId', Id) orgId: string,
    @Param('assignmentId', Id) assignmentId: string,
  ) {
    await this.roles.revoke(auth, orgId, assignmentId);
  }

  @Get(':orgId/spheres')
  @Policy('read', 'Sphere')
  listSpheres(@Auth() auth: AuthContext, @Param('orgId', Id) orgId: string, @Query() query: SphereListQuery) {
    return this.spheres.list(auth, orgId, query).then((page) => mapPage(page, toSphere));
  }

  @Post(':orgId/spheres')
  @Policy('create_child', 'Sphere')
  async createSphere(@Auth() auth: AuthContext, @Param('orgId', Id) orgId: string, @Body() dto: CreateSphereDto) {
    const { sphere, similar } = await this.spheres.create(auth, orgId, dto);
    return { ...toSphere(sphere), similar };
  }
}
