import type { DomainEvent } from '@alveole/core';
import { Live, NotificationPayload, Rooms } from '@alveole/realtime';
import type { FanoutSource } from './recipients.statements';

/** One chunk of a large audience (~1,000 members, a user-id range), written by its own job. */
export interface FanoutChunk {
  /** The outbox id of the event being notified: the notifications' id. */
  eventId: string;
  source: FanoutSource;
  fromUserId: string;
  /** Exclusive; null for the last chunk. */
  toUserId: string | null;
}

declare module '@alveole/core' {
  interface DomainEventMap {
    'notification.fanout_chunk': FanoutChunk;
    /**
     * Notifications were written for these recipients (one chunk or a small audience) with something
     * waiting for the e-mail or push channel, which pick it up (rows of `eventId` still waiting there).
     */
    'notification.batch_written': { eventId: string; userIds: string[]; emailNow: number; pushNow: number };
  }
}

export const NotificationEvents = {
  chunk: (chunk: FanoutChunk, organisationId: string | null): DomainEvent<'notification.fanout_chunk'> => ({
    name: 'notification.fanout_chunk',
    payload: chunk,
    organisationId,
  }),

  /**
   * The batch: durable (for the e-mail and push channels) only when something waits for them; its
   * realtime emit, one `notification.created` to every recipient's room with the same payload, goes out
   * right after the commit, best effort (the rows are what lasts: the bell reloads its count on reconnect).
   */
  batchWritten: (
    written: { eventId: string; userIds: string[]; emailNow: number; pushNow: number },
    emits: { userIds: string[]; payload: NotificationPayload }[],
    organisationId: string | null,
  ): DomainEvent<'notification.batch_written'> => ({
    name: 'notification.batch_written',
    payload: written,
    organisationId,
    durable: written.emailNow + written.pushNow > 0,
    live: emits.map(({ userIds, payload }) => Live.emit(userIds.map(Rooms.user), 'notification.created', payload)),
  }),
};
