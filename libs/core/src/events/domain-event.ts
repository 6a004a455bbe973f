import type { EntityManager } from 'typeorm';

/**
 * Every domain event: name → payload. Names are `noun.verb` with snake_case nouns, the same for
 * domain events, subscribers' jobs and socket events. Each context adds its events by declaration
 * merging in its `<context>.events.ts`:
 *   declare module '@alveole/core' { interface DomainEventMap { 'post.created': PostCreated } }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainEventMap {}
export type DomainEventName = keyof DomainEventMap & string;

/** Why the server ends sockets: the client hears it as `session.expired` { reason } before the disconnect. */
export type SessionEndReason = 'expired' | 'logout' | 'revoked' | 'deleted';

/**
 * What Socket.IO does for an event: emit to rooms, take a user's sockets out of rooms, or end the
 * sockets of one session (a refresh family) or, without `sessionId`, of every session of the user.
 */
export type RealtimeInstruction =
  | { rooms: string[]; event: string; data: unknown }
  | { userRoom: string; leave: string[] }
  | { endSessions: { userId: string; sessionId: string | null }; reason: SessionEndReason };

export interface DomainEvent<N extends DomainEventName = DomainEventName> {
  name: N;
  payload: DomainEventMap[N];
  /** The tenant, for routing and retention (null for instance-wide events). */
  organisationId: string | null;
  /** False when no durable subscriber can need it (reaction counts): nothing goes to the outbox. */
  durable?: boolean;
  /** Socket.IO, right after the commit, best effort (clients resync with `?since=`). */
  live?: RealtimeInstruction[];
  /** Socket.IO through the outbox: delivered even when Redis is down at commit time. */
  liveDurable?: RealtimeInstruction[];
  /** Not before this time (reminders). */
  runAt?: Date;
}

/** An event as a subscriber receives it, from its outbox row. */
export interface StoredEvent<N extends DomainEventName = DomainEventName> {
  id: string;
  name: N;
  payload: DomainEventMap[N];
  organisationId: string | null;
  live: RealtimeInstruction[] | null;
}

export interface SubscriberContext {
  /** The outbox row id: the idempotency key of this run. */
  outboxId: string;
  /** The transaction in which the run is recorded; write through it so effects and the record commit together. */
  manager: EntityManager;
}

/** Carries out realtime instructions (the realtime context provides it in the api and the worker). */
export interface LiveSink {
  deliver(instructions: RealtimeInstruction[]): void;
}

export const LIVE_SINK = Symbol('LIVE_SINK');
