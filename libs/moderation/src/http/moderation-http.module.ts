import { Module } from '@nestjs/common';
import { ModerationModule } from '../moderation.module';
import { CaseDecisionsController } from './case-decisions.controller';
import { CasesController } from './cases.controller';
import { ModerationSettingsController } from './moderation-settings.controller';
import { ReportsController } from './reports.controller';

@Module({
  imports: [ModerationModule],
  controllers: [ReportsController, CasesController, CaseDecisionsController, ModerationSettingsController],
})
export class ModerationHttpModule {}
