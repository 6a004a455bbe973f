import { SetMetadata } from '@nestjs/common';
import { DomainEventName, StoredEvent, SubscriberContext } from './domain-event';

export const DOMAIN_EVENT_SUBSCRIBER = Symbol('DOMAIN_EVENT_SUBSCRIBER');

export interface SubscriberMetadata {
  event: DomainEventName;
  /** `<context>.<what_it_does>`: unique; its context names the queue it runs on. */
  id: string;
}

export interface DomainEventSubscriber<N extends DomainEventName> {
  handle(event: StoredEvent<N>, context: SubscriberContext): Promise<void>;
}

/**
 * Marks a provider as a durable subscriber of one event: it runs in the worker (or in-process without
 * Redis) once per event, in a transaction that records the run (exactly once per subscriber).
 */
export const OnDomainEvent = (event: DomainEventName, id: string) =>
  SetMetadata(DOMAIN_EVENT_SUBSCRIBER, { event, id } satisfies SubscriberMetadata);
