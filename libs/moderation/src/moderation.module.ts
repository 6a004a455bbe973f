import { Module } from '@nestjs/common';
import { ContentModule } from '@alveole/content';
import { CasesService } from './cases.service';
import { ModerationRepository } from './moderation.repository';
import { ReportTargets } from './report-targets';
import { ReportsService } from './reports.service';

const services = [ReportsService, CasesService];

/** Reports and cases (DESIGN.md §2 "Moderation"); content never imports this context. */
@Module({
  imports: [ContentModule],
  providers: [ModerationRepository, ReportTargets, ...services],
  exports: services,
})
export class ModerationModule {}
