import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { SecurityEvent } from './identity.events';

/** The account security history (sign-up, refresh-token reuse, login lock). */
@Injectable()
export class SecurityEventsRepository {
  /** Keyed by the outbox id of the event, so recording it twice keeps one row. */
  async record(manager: EntityManager, id: string, event: SecurityEvent): Promise<void> {
    await manager.query(
      `INSERT INTO security_events (id, user_id, kind, ip, occurred_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
      [id, event.userId, event.kind, event.ip, event.occurredAt],
    );
  }
}
