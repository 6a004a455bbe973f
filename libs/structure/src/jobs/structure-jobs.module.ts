import { Module } from '@nestjs/common';
import { MandateReminder } from './mandate-reminder.subscriber';

/** The structure context's subscribers (worker, or the api without Redis). */
@Module({ providers: [MandateReminder] })
export class StructureJobsModule {}
