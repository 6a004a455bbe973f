import { Injectable } from '@nestjs/common';
import { DomainEventSubscriber, OnDomainEvent, StoredEvent, SubscriberContext } from '@alveole/core';
import { EscalationService } from '../escalation.service';

/** An open case past its sphere's deadline goes up to the system managers (scheduled when it opened). */
@Injectable()
@OnDomainEvent('moderation_case.deadline_due', 'moderation.escalate_overdue')
export class OverdueCases implements DomainEventSubscriber<'moderation_case.deadline_due'> {
  constructor(private readonly escalation: EscalationService) {}

  handle(event: StoredEvent<'moderation_case.deadline_due'>, { manager }: SubscriberContext): Promise<void> {
    return this.escalation.whenOverdue(event.payload.caseId, event.payload.deadlineAt, manager);
  }
}
