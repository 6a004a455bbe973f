import { Module } from '@nestjs/common';
import { ContentModule } from '@alveole/content';
import { DocumentsModule } from '@alveole/documents';
import { StructureModule } from '@alveole/structure';
import { ApprovalCases } from './approval-cases';
import { AutoHide } from './auto-hide';
import { CaseDecisionsRepository } from './case-decisions.repository';
import { CaseOpening } from './case-opening';
import { CasesService } from './cases.service';
import { ClaimsService } from './claims.service';
import { DecisionEffects } from './decision-effects';
import { DecisionsService } from './decisions.service';
import { ModeratedContent } from './moderated-content';
import { EscalationService } from './escalation.service';
import { ModerationRepository } from './moderation.repository';
import { ModerationSettingsService } from './moderation-settings.service';
import { OutcomesRepository, OutcomesService } from './outcomes';
import { ReportTargets } from './report-targets';
import { ReportsService } from './reports.service';

const services = [
  ReportsService,
  CasesService,
  ClaimsService,
  DecisionsService,
  EscalationService,
  ModerationSettingsService,
  OutcomesService,
  ApprovalCases,
];

/** Reports, cases, claims, decisions and escalation (DESIGN.md §2 "Moderation"); content never imports this context. */
@Module({
  imports: [ContentModule, DocumentsModule, StructureModule],
  providers: [
    ModerationRepository,
    CaseDecisionsRepository,
    OutcomesRepository,
    ReportTargets,
    CaseOpening,
    AutoHide,
    DecisionEffects,
    ModeratedContent,
    ...services,
  ],
  exports: services,
})
export class ModerationModule {}
