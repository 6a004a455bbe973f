import { Inject, Injectable, Optional } from '@nestjs/common';
import { DomainEventName, LIVE_SINK, LiveSink, StoredEvent, SubscriberContext } from './domain-event';
import { DomainEventSubscriber } from './on-domain-event.decorator';
import { AfterCommit } from './after-commit';

/**
 * Delivers an event's durable realtime instructions (e.g. a join request's outcome to the requester)
 * once its outbox row reaches a process with a socket server or a Redis emitter: after the run is
 * recorded, so a retried run never delivers twice.
 */
@Injectable()
export class LiveDelivery implements DomainEventSubscriber<DomainEventName> {
  static readonly ID = 'realtime.deliver';

  constructor(
    private readonly afterCommit: AfterCommit,
    @Optional() @Inject(LIVE_SINK) private readonly sink?: LiveSink,
  ) {}

  handle(event: StoredEvent, { manager }: SubscriberContext): Promise<void> {
    if (!this.sink) throw new Error('No realtime sink in this process');
    const instructions = event.live ?? [];
    const sink = this.sink;
    this.afterCommit.run(manager, () => sink.deliver(instructions));
    return Promise.resolve();
  }
}
