import { Injectable } from '@nestjs/common';
import { JobContext, JobHandler, JobHandlerOf, JobName } from '@alveole/core';
import { SecurityEvent, SecurityEventsRepository } from '../security-events.repository';

/** Records account security events for the account's history. */
@Injectable()
@JobHandler(JobName.SecurityEvent)
export class SecurityEventsHandler implements JobHandlerOf<JobName.SecurityEvent> {
  constructor(private readonly events: SecurityEventsRepository) {}

  handle(event: SecurityEvent, { outboxId, manager }: JobContext): Promise<void> {
    return this.events.record(manager, outboxId, event);
  }
}
