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

  publish<N extends DomainEventName>(manager: EntityManager, event: DomainEvent<N>): Promise<void> {
    return this.publishAll(manager, [event]);
  }

  /** Several events of one transaction in one statement (a fan-out's chunks): one round trip, not one each. */
  async publishAll(manager: EntityManager, events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (!manager.queryRunner?.isTransactionActive) throw new Error(`${events[0].name} published outside a transaction`);
    const stored = events.filter((event) => event.durable !== false || event.liveDurable?.length);
    if (stored.length > 0) {
      await manager.query(
        `INSERT INTO outbox (id, event_name, payload, organisation_id, live, available_at)
         SELECT id, name, payload::jsonb, organisation_id, live::jsonb, COALESCE(run_at, now())
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::timestamptz[])
                AS e(id, name, payload, organisation_id, live, run_at)`,
        [
          stored.map(() => newId()),
          stored.map((event) => event.name),
          stored.map((event) => JSON.stringify(event.payload)),
          stored.map((event) => event.organisationId),
          stored.map((event) => (event.liveDurable?.length ? JSON.stringify(event.liveDurable) : null)),
          stored.map((event) => event.runAt ?? null),
        ],
      );
    }
    const live = events.flatMap((event) => event.live ?? []);
    const sink = this.sink;
    if (live.length && sink) this.afterCommit.run(manager, () => sink.deliver(live));
  }
}
