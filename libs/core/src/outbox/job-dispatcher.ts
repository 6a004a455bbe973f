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
  /**
   * Several runs at once where the dispatcher can do it in fewer round trips; all accepted when it
   * resolves (a run accepted twice is one run: each has a stable job id).
   */
  dispatchAll?(runs: readonly JobRun[]): Promise<void>;
}

export interface JobRun {
  event: ClaimedEvent;
  subscriber: Subscriber;
}

export const JOB_DISPATCHER = Symbol('JOB_DISPATCHER');

/**
 * The dispatcher itself is unreachable (Redis down): no event is at fault, so the relay hands the
 * batch back without counting an attempt, instead of backing each event off towards giving up.
 */
export class DispatcherUnavailable extends Error {
  constructor(cause: unknown) {
    super(`job queue unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'DispatcherUnavailable';
  }
}

/** What a queued job carries: the event as the subscriber will get it. */
export interface QueuedEvent {
  subscriber: string;
  event: StoredEvent;
}
