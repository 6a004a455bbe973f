import { Injectable } from '@nestjs/common';
import { DomainEventSubscriber, OnDomainEvent, StoredEvent, SubscriberContext } from '@alveole/core';
import { SecurityEventsRepository } from '../security-events.repository';

/** Records account security events for the account's history. */
@Injectable()
@OnDomainEvent('security_event.recorded', 'identity.security_log')
export class SecurityLog implements DomainEventSubscriber<'security_event.recorded'> {
  constructor(private readonly events: SecurityEventsRepository) {}

  handle(event: StoredEvent<'security_event.recorded'>, { outboxId, manager }: SubscriberContext): Promise<void> {
    return this.events.record(manager, outboxId, event.payload);
  }
}
