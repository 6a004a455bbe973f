import { Module } from '@nestjs/common';
import { SecurityEventsHandler } from './security-events.handler';

@Module({ providers: [SecurityEventsHandler] })
export class IdentityJobsModule {}
