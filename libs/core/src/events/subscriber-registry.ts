import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { DomainEventName } from './domain-event';
import { LiveDelivery } from './live-delivery';
import { DOMAIN_EVENT_SUBSCRIBER, DomainEventSubscriber, SubscriberMetadata } from './on-domain-event.decorator';

export interface Subscriber {
  id: string;
  /** Its context: the BullMQ queue it runs on, so a slow context never starves another. */
  queue: string;
  handler: DomainEventSubscriber<DomainEventName>;
}

/**
 * Finds every @OnDomainEvent provider of the process (the worker, or the api without Redis) and
 * refuses to start on a subscriber id used twice. Events with durable realtime instructions also
 * go to the built-in live delivery.
 */
@Injectable()
export class SubscriberRegistry implements OnModuleInit {
  private readonly byId = new Map<string, Subscriber>();
  private readonly byEvent = new Map<string, Subscriber[]>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly live: LiveDelivery,
  ) {}

  onModuleInit(): void {
    this.add(LiveDelivery.ID, this.live);
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as DomainEventSubscriber<DomainEventName> | undefined;
      if (!instance || !wrapper.metatype) continue;
      const meta = this.reflector.get<SubscriberMetadata | undefined>(
        DOMAIN_EVENT_SUBSCRIBER,
        wrapper.metatype as new (...args: never[]) => unknown,
      );
      if (!meta) continue;
      const subscriber = this.add(meta.id, instance);
      this.byEvent.set(meta.event, [...(this.byEvent.get(meta.event) ?? []), subscriber]);
    }
  }

  /** Who gets this outbox row: the event's subscribers, and the live delivery when it carries instructions. */
  targetsOf(eventName: string, hasDurableLive: boolean): Subscriber[] {
    const named = this.byEvent.get(eventName) ?? [];
    return hasDurableLive ? [...named, this.byId.get(LiveDelivery.ID)!] : named;
  }

  subscriber(id: string): Subscriber {
    const found = this.byId.get(id);
    if (!found) throw new Error(`Unknown subscriber ${id}`);
    return found;
  }

  queues(): string[] {
    return [...new Set([...this.byId.values()].map((s) => s.queue))];
  }

  private add(id: string, handler: DomainEventSubscriber<DomainEventName>): Subscriber {
    if (!/^[a-z_]+\.[a-z_]+$/.test(id)) throw new Error(`Subscriber id ${id} is not <context>.<snake_case>`);
    if (this.byId.has(id)) throw new Error(`Subscriber ${id} is registered twice`);
    const subscriber = { id, queue: id.split('.')[0], handler };
    this.byId.set(id, subscriber);
    return subscriber;
  }
}
