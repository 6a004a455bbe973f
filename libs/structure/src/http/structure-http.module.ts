import { Module } from '@nestjs/common';
import { InvitationRegistrationModule } from '../invitation-registration';
import { StructureModule } from '../structure.module';
import { BrandsController } from './brands.controller';
import { ChartersController } from './charters.controller';
import { InstanceController } from './instance.controller';
import { InvitationsController, SphereInvitationsController } from './invitations.controller';
import { JoinRequestsController } from './join-requests.controller';
import { MeController } from './me.controller';
import { MemberResetCodesController } from './member-reset-codes.controller';
import { OrganisationsController } from './organisations.controller';
import { SphereRequestsController } from './sphere-requests.controller';
import { SpheresController } from './spheres.controller';

@Module({
  imports: [StructureModule, InvitationRegistrationModule],
  controllers: [
    MeController,
    OrganisationsController,
    SpheresController,
    JoinRequestsController,
    MemberResetCodesController,
    SphereInvitationsController,
    InvitationsController,
    ChartersController,
    SphereRequestsController,
    InstanceController,
    BrandsController,
  ],
})
export class StructureHttpModule {}
