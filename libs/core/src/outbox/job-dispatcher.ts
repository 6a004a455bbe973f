import type { Subscriber } from '../events/subscriber-registry';
import type { StoredEvent } from '../events/domain-event';

/** An outbox row leased by the relay. */
export interface ClaimedEvent extends StoredEvent {
  attempts: number;
}

/** Where the relay hands claimed events, once per subscriber: BullMQ (with Redis) or the in-process runner. */
export interface JobDispatcher {
  /** Resolves once the run is durably accepted (queued, or run to completion in-process). */
  dispatch(event: ClaimedEvent, subscriber: Subscriber): Promise<void>;
}

export const JOB_DISPATCHER = Symbol('JOB_DISPATCHER');

/** What a queued job carries: the event as the subscriber will get it. */
export interface QueuedEvent {
  subscriber: string;
  event: StoredEvent;
}
