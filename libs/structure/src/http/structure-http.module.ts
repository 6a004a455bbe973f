import { Module } from '@nestjs/common';
import { StructureModule } from '../structure.module';
import { MeController } from './me.controller';
import { OrganisationsController } from './organisations.controller';
import { SpheresController } from './spheres.controller';

@Module({
  imports: [StructureModule],
  controllers: [MeController, OrganisationsController, SpheresController],
})
export class StructureHttpModule {}
