import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessProfiles } from './access-profiles';
import { AuditWriter } from './audit.writer';
import { MeService } from './me.service';
import { MembershipEntity } from './membership.entity';
import { MembershipsRepository } from './memberships.repository';
import { MembershipsService } from './memberships.service';
import { OrganisationEntity } from './organisation.entity';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsService } from './organisations.service';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { RoleAssignmentsRepository } from './role-assignments.repository';
import { RolesService } from './roles.service';
import { SphereEntity } from './sphere.entity';
import { SpheresRepository } from './spheres.repository';
import { SpheresService } from './spheres.service';

const repositories = [OrganisationsRepository, SpheresRepository, MembershipsRepository, RoleAssignmentsRepository];
const services = [
  AccessProfiles,
  AuditWriter,
  OrganisationsService,
  SpheresService,
  MembershipsService,
  RolesService,
  MeService,
];

/** Organisations, the sphere tree, roles, memberships (DESIGN.md §2). */
@Module({
  imports: [TypeOrmModule.forFeature([OrganisationEntity, SphereEntity, MembershipEntity, RoleAssignmentEntity])],
  providers: [...repositories, ...services],
  exports: [...repositories, ...services],
})
export class StructureModule {}
