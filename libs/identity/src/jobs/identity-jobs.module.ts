import { Module } from '@nestjs/common';
import { SecurityEventsRepository } from '../security-events.repository';
import { SecurityEventsHandler } from './security-events.handler';

@Module({ providers: [SecurityEventsRepository, SecurityEventsHandler] })
export class IdentityJobsModule {}
