import { Module } from '@nestjs/common';
import { SecurityEventsRepository } from '../security-events.repository';
import { SecurityLog } from './security-log.subscriber';

/** The identity context's subscribers (worker, or the api without Redis). */
@Module({ providers: [SecurityEventsRepository, SecurityLog] })
export class IdentityJobsModule {}
