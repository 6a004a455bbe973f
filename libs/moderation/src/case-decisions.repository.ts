import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FastQuery, rowsOf } from '@alveole/core';
import type { QueueCounts } from './moderation.events';
import { CASE_COLUMNS } from './case-queue.statements';
import { CaseRecord, Decision, EscalationReason } from './moderation.repository';

export const CLAIM_MINUTES = 15;

export interface SphereModerationSettings {
  /** Distinct reporters that hide a post or comment until a decision (0: never automatically). */
  hideThreshold: number;
  /** Hours before an open case goes up; null: the instance default. */
  deadlineHours: number | null;
}

export const DEFAULT_SETTINGS: SphereModerationSettings = { hideThreshold: 3, deadlineHours: null };

/** Claims, decisions, escalation and the sphere's moderation settings: the writes after a case opens. */
@Injectable()
export class CaseDecisionsRepository {
  constructor(private readonly db: FastQuery) {}

  /** The case, locked for the caller's transaction: concurrent deciders queue here, one at a time. */
  async lock(caseId: string, manager: EntityManager): Promise<CaseRecord | null> {
    const [row]: CaseRecord[] = await manager.query(
      `SELECT ${CASE_COLUMNS} FROM moderation_cases c WHERE c.id = $1 FOR UPDATE`,
      [caseId],
    );
    return row ?? null;
  }

  /** The caller's claim for 15 minutes, when nobody else holds a live one; null otherwise. */
  async claim(caseId: string, userId: string, manager: EntityManager): Promise<CaseRecord | null> {
    const rows = rowsOf<CaseRecord>(
      await manager.query(
        `UPDATE moderation_cases c
          SET claimed_by = $2, claimed_until = now() + make_interval(mins => ${CLAIM_MINUTES}), updated_at = now()
        WHERE c.id = $1 AND c.status IN ('open', 'escalated')
          AND (c.claimed_by IS NULL OR c.claimed_by = $2 OR c.claimed_until <= now())
        RETURNING ${CASE_COLUMNS}`,
        [caseId, userId],
      ),
    );
    return rows[0] ?? null;
  }

  async release(caseId: string, userId: string, manager: EntityManager): Promise<CaseRecord | null> {
    const rows = rowsOf<CaseRecord>(
      await manager.query(
        `UPDATE moderation_cases c SET claimed_by = NULL, claimed_until = NULL, updated_at = now()
        WHERE c.id = $1 AND c.claimed_by = $2 RETURNING ${CASE_COLUMNS}`,
        [caseId, userId],
      ),
    );
    return rows[0] ?? null;
  }

  async decide(
    caseId: string,
    decision: { by: string; action: Decision; reason: string; muteHours: number | null },
    manager: EntityManager,
  ): Promise<CaseRecord> {
    const rows = rowsOf<CaseRecord>(
      await manager.query(
        `UPDATE moderation_cases c
          SET status = CASE WHEN $3 = 'dismiss' THEN 'dismissed' ELSE 'resolved' END, decided_at = now(),
              decided_by = $2, decision = $3, decision_reason = $4, mute_hours = $5,
              claimed_by = NULL, claimed_until = NULL, updated_at = now()
        WHERE c.id = $1 RETURNING ${CASE_COLUMNS}`,
        [caseId, decision.by, decision.action, decision.reason, decision.muteHours],
      ),
    );
    return rows[0];
  }

  /** Up to the system managers; null when the case is no longer open (decided, or already up). */
  async escalate(caseId: string, reason: EscalationReason, manager: EntityManager): Promise<CaseRecord | null> {
    const rows = rowsOf<CaseRecord>(
      await manager.query(
        `UPDATE moderation_cases c
          SET status = 'escalated', escalated_at = now(), escalation_reason = $2,
              claimed_by = NULL, claimed_until = NULL, updated_at = now()
        WHERE c.id = $1 AND c.status = 'open' RETURNING ${CASE_COLUMNS}`,
        [caseId, reason],
      ),
    );
    return rows[0] ?? null;
  }

  /** The open and escalated cases of the sphere (moderation_cases_sphere_queue_idx). */
  async counts(sphereId: string, manager: EntityManager): Promise<QueueCounts> {
    const [row]: QueueCounts[] = await manager.query(
      `SELECT count(*) FILTER (WHERE status = 'open')::int AS "openCount",
              count(*) FILTER (WHERE status = 'escalated')::int AS "escalatedCount"
         FROM moderation_cases WHERE sphere_id = $1 AND status IN ('open', 'escalated')`,
      [sphereId],
    );
    return row;
  }

  /** Who reported, and the charter articles they cited (the author is told which). */
  async reportsSummary(caseId: string, manager: EntityManager): Promise<{ reporterIds: string[]; articles: number[] }> {
    const [row]: { reporterIds: string[]; articles: number[] }[] = await manager.query(
      `SELECT coalesce(array_agg(reporter_id ORDER BY created_at), '{}') AS "reporterIds",
              coalesce(array_agg(DISTINCT article) FILTER (WHERE article IS NOT NULL), '{}') AS articles
         FROM reports WHERE case_id = $1`,
      [caseId],
    );
    return row;
  }

  async settings(sphereId: string, manager?: EntityManager): Promise<SphereModerationSettings> {
    const sql = `SELECT hide_threshold AS "hideThreshold", deadline_hours AS "deadlineHours"
                   FROM sphere_moderation_settings WHERE sphere_id = $1`;
    const [row]: SphereModerationSettings[] = manager
      ? await manager.query(sql, [sphereId])
      : await this.db.rows(sql, [sphereId]);
    return row ?? DEFAULT_SETTINGS;
  }

  async putSettings(
    sphere: { id: string; organisationId: string },
    settings: SphereModerationSettings,
    userId: string,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO sphere_moderation_settings (sphere_id, organisation_id, hide_threshold, deadline_hours, updated_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (sphere_id) DO UPDATE SET hide_threshold = $3, deadline_hours = $4, updated_by = $5, updated_at = now()`,
      [sphere.id, sphere.organisationId, settings.hideThreshold, settings.deadlineHours, userId],
    );
  }
}
