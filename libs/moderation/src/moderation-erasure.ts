import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { rowsOf, scrubJsonColumn } from '@alveole/core';
import type { ErasureParticipant, ErasurePolicy, ErasureScope } from '@alveole/identity';

/**
 * The moderation context's part of an erasure: the reports I made go (their cases' counts follow);
 * for the whole account, cases about me stay as evidence about a pseudonym (the member targeted, the
 * author in the snapshot), and case events forget me as their actor.
 */
@Injectable()
export class ModerationErasure implements ErasureParticipant {
  async erase(manager: EntityManager, userId: string, scope: ErasureScope, policy: ErasurePolicy): Promise<void> {
    const org = scope.organisationId ?? null;
    const cases = rowsOf<{ case_id: string }>(
      await manager.query(
        `DELETE FROM reports WHERE reporter_id = $1 AND ($2::uuid IS NULL OR organisation_id = $2) RETURNING case_id`,
        [userId, org],
      ),
    );
    if (cases.length > 0) {
      await manager.query(
        `UPDATE moderation_cases c SET report_count = (SELECT count(*) FROM reports r WHERE r.case_id = c.id)
          WHERE c.id = ANY($1::uuid[])`,
        [[...new Set(cases.map((row) => row.case_id))]],
      );
    }
    if (org) return;
    const scrub = { userId, pseudonymId: policy.pseudonymId, identifying: policy.identifying };
    await manager.query(`UPDATE moderation_cases SET author_id = NULL WHERE author_id = $1`, [userId]);
    await manager.query(`UPDATE moderation_cases SET target_id = $2 WHERE target_type = 'member' AND target_id = $1`, [
      userId,
      policy.pseudonymId,
    ]);
    await manager.query(`UPDATE reports SET target_id = $2 WHERE target_type = 'member' AND target_id = $1`, [
      userId,
      policy.pseudonymId,
    ]);
    await scrubJsonColumn(manager, 'moderation_cases', 'target_snapshot', scrub);
    await scrubJsonColumn(manager, 'moderation_case_events', 'detail', scrub);
  }
}
