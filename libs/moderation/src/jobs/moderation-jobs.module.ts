import { Module } from '@nestjs/common';
import { ModerationModule } from '../moderation.module';
import { CloseApprovedCase, CloseRemovedCase, OpenApprovalCase } from './approval-cases.subscribers';
import { OverdueCases } from './overdue-cases.subscriber';

/** The moderation context's subscribers (worker, or the api without Redis). */
@Module({
  imports: [ModerationModule],
  providers: [OverdueCases, OpenApprovalCase, CloseApprovedCase, CloseRemovedCase],
})
export class ModerationJobsModule {}
