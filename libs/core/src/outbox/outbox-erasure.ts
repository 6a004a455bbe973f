import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JsonScrub, scrubJsonColumn } from '../database/json-scrub';

/**
 * The outbox's part of an erasure (an ERASURE_PARTICIPANTS member: identity's contract, matched by shape
 * since core imports no context). Events already delivered that mention the person go; pending ones
 * are scrubbed, so they still run, about a pseudonym.
 */
@Injectable()
export class OutboxErasure {
  async erase(
    manager: EntityManager,
    userId: string,
    scope: { organisationId?: string },
    policy: { pseudonymId: string; identifying: string[] },
  ): Promise<void> {
    if (scope.organisationId) return;
    const scrub: JsonScrub = { userId, pseudonymId: policy.pseudonymId, identifying: policy.identifying };
    const mentions = `(strpos(payload::text, $1) > 0 OR strpos(coalesce(live::text, ''), $1) > 0
      OR EXISTS (SELECT 1 FROM unnest($2::text[]) v
                  WHERE strpos(payload::text || coalesce(live::text, ''), to_jsonb(v)::text) > 0))`;
    await manager.query(
      `WITH gone AS (DELETE FROM outbox WHERE sent_at IS NOT NULL AND ${mentions} RETURNING id)
       DELETE FROM processed_jobs WHERE outbox_id IN (SELECT id FROM gone)`,
      [userId, policy.identifying],
    );
    await scrubJsonColumn(manager, 'outbox', 'payload', scrub, 'sent_at IS NULL');
    await scrubJsonColumn(manager, 'outbox', 'live', scrub, 'sent_at IS NULL');
    // replayed responses of the last 24 hours may quote the person (a post and its author): a cache, dropped
    await manager.query(
      `DELETE FROM idempotency_keys WHERE strpos(coalesce(response::text, ''), $1) > 0
         OR EXISTS (SELECT 1 FROM unnest($2::text[]) v WHERE strpos(coalesce(response::text, ''), to_jsonb(v)::text) > 0)`,
      [userId, policy.identifying],
    );
  }
}
