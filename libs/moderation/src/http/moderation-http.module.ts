import { Module } from '@nestjs/common';
import { ModerationModule } from '../moderation.module';
import { CasesController } from './cases.controller';
import { ReportsController } from './reports.controller';

@Module({
  imports: [ModerationModule],
  controllers: [ReportsController, CasesController],
})
export class ModerationHttpModule {}
