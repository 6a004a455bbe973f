import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { scrubJsonColumn } from '@alveole/core';

/**
 * The audit trail's part of an erasure (an ERASURE_PARTICIPANTS member, matched by shape: audit sits
 * below identity). Rows keep the act; the person becomes their pseudonym: as actor, as target (its
 * UUID form) and inside before/after. Runs last, after the other participants' own changes.
 */
@Injectable()
export class AuditErasure {
  async erase(
    manager: EntityManager,
    userId: string,
    scope: { organisationId?: string },
    policy: { pseudonym: string; pseudonymId: string; identifying: string[] },
  ): Promise<void> {
    if (scope.organisationId) return; // the account stays: its trail stays about it
    await manager.query(`UPDATE audit_log SET actor_id = NULL, actor_pseudonym = $2 WHERE actor_id = $1`, [
      userId,
      policy.pseudonym,
    ]);
    await manager.query(`UPDATE audit_log SET target_id = $2 WHERE target_id = $1`, [userId, policy.pseudonymId]);
    const scrub = { userId, pseudonymId: policy.pseudonymId, identifying: policy.identifying };
    await scrubJsonColumn(manager, 'audit_log', 'before', scrub);
    await scrubJsonColumn(manager, 'audit_log', 'after', scrub);
  }
}
