import { Inject, Injectable, Optional } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { newId } from '../database/new-id';
import { AfterCommit } from './after-commit';
import { DomainEvent, DomainEventName, LIVE_SINK, LiveSink } from './domain-event';

/**
 * Publishes domain events inside the caller's transaction (DESIGN.md §1): durable subscribers get the
 * event through an outbox row written in that transaction (it exists iff the change committed), and
 * realtime instructions go out right after the commit. The emitter knows no subscriber.
 */
@Injectable()
export class DomainEvents {
  constructor(
    private readonly afterCommit: AfterCommit,
    @Optional() @Inject(LIVE_SINK) private readonly sink?: LiveSink,
  ) {}

  async publish<N extends DomainEventName>(manager: EntityManager, event: DomainEvent<N>): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error(`${event.name} published outside a transaction`);
    if (event.durable !== false || event.liveDurable?.length) {
      await manager.query(
        `INSERT INTO outbox (id, event_name, payload, organisation_id, live, available_at)
         VALUES ($1, $2, $3::jsonb, $4, $5::jsonb, COALESCE($6, now()))`,
        [
          newId(),
          event.name,
          JSON.stringify(event.payload),
          event.organisationId,
          event.liveDurable?.length ? JSON.stringify(event.liveDurable) : null,
          event.runAt ?? null,
        ],
      );
    }
    const live = event.live;
    const sink = this.sink;
    if (live?.length && sink) this.afterCommit.run(manager, () => sink.deliver(live));
  }
}
