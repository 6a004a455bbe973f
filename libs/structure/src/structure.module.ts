import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BrandsModule } from './brand/brands.module';
import { CharterEntity } from './charter.entity';
import { ChartersRepository } from './charters.repository';
import { ChartersService } from './charters.service';
import { InvitationEntity } from './invitation.entity';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService } from './invitations.service';
import { JoinRequestsService } from './join-requests.service';
import { MeService } from './me.service';
import { MemberResetCodesService } from './member-reset-codes.service';
import { MemberSanctions } from './member-sanctions.service';
import { MembershipEntity } from './membership.entity';
import { MembershipsRepository } from './memberships.repository';
import { MembershipsService } from './memberships.service';
import { OrganisationEntity } from './organisation.entity';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsService } from './organisations.service';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { RoleAssignmentsRepository } from './role-assignments.repository';
import { RolesService } from './roles.service';
import { SphereRequestDecisionsService } from './sphere-request-decisions.service';
import { SphereRequestEntity } from './sphere-request.entity';
import { SphereRequestsRepository } from './sphere-requests.repository';
import { SphereRequestsService } from './sphere-requests.service';
import { SphereEntity } from './sphere.entity';
import { SpheresRepository } from './spheres.repository';
import { SpheresService } from './spheres.service';
import { StructureAccess } from './structure-access';

const repositories = [
  OrganisationsRepository,
  SpheresRepository,
  MembershipsRepository,
  RoleAssignmentsRepository,
  InvitationsRepository,
  ChartersRepository,
  SphereRequestsRepository,
];
const services = [
  OrganisationsService,
  SpheresService,
  MembershipsService,
  RolesService,
  MeService,
  InvitationsService,
  JoinRequestsService,
  ChartersService,
  SphereRequestsService,
  SphereRequestDecisionsService,
  MemberSanctions,
  MemberResetCodesService,
];

/** The instance brand, organisations, the sphere tree, roles, memberships, charters, requests (DESIGN.md §2). */
@Module({
  imports: [
    BrandsModule,
    TypeOrmModule.forFeature([
      OrganisationEntity,
      SphereEntity,
      MembershipEntity,
      RoleAssignmentEntity,
      InvitationEntity,
      CharterEntity,
      SphereRequestEntity,
    ]),
  ],
  providers: [...repositories, ...services, StructureAccess],
  exports: [...services, BrandsModule],
})
export class StructureModule {}
