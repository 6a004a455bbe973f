import { Module } from '@nestjs/common';
import { ContentModule } from '@alveole/content';
import { ApprovalCases } from '../approval-cases';
import { CaseDecisionsRepository } from '../case-decisions.repository';
import { CaseOpening } from '../case-opening';
import { EscalationService } from '../escalation.service';
import { ModerationRepository } from '../moderation.repository';
import { CloseApprovedCase, CloseRemovedCase, OpenApprovalCase } from './approval-cases.subscribers';
import { OverdueCases } from './overdue-cases.subscriber';

/**
 * The moderation context's subscribers (worker, or the api without Redis), with only what they use:
 * cases open and go up here, decisions with their sanctions are the api's.
 */
@Module({
  imports: [ContentModule],
  providers: [
    ModerationRepository,
    CaseDecisionsRepository,
    CaseOpening,
    EscalationService,
    ApprovalCases,
    OverdueCases,
    OpenApprovalCase,
    CloseApprovedCase,
    CloseRemovedCase,
  ],
})
export class ModerationJobsModule {}
