import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { SphereFacts } from '@alveole/access';
import { FastQuery } from '@alveole/core';
import { CASE_COLUMNS, ORG_QUEUE_SQL, pathRanges, SCOPE_QUEUE_SQL, SPHERE_QUEUE_SQL } from './case-queue.statements';

export type TargetType = 'post' | 'comment' | 'member' | 'document';
export type CaseStatus = 'open' | 'resolved' | 'dismissed' | 'escalated';
export const DECISIONS = [
  'dismiss',
  'hide',
  'remove',
  'restore',
  'approve',
  'warn',
  'mute',
  'remove_member',
  'ban',
] as const;
export type Decision = (typeof DECISIONS)[number];
export type EscalationReason = 'author_role' | 'animator' | 'deadline';
export const REPORT_CATEGORIES = ['harassment', 'spam', 'off_charter', 'illegal', 'personal_data', 'other'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

export interface CaseRecord {
  id: string;
  organisationId: string;
  sphereId: string;
  spherePath: string;
  kind: 'report' | 'approval';
  status: CaseStatus;
  targetType: TargetType;
  targetId: string;
  targetSnapshot: Record<string, unknown>;
  reportCount: number;
  /** Whose conduct it is about: the target's author, or the reported member. */
  authorId: string | null;
  claimedBy: string | null;
  claimedByName: string | null;
  claimedUntil: Date | null;
  escalatedAt: Date | null;
  escalationReason: EscalationReason | null;
  deadlineAt: Date | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  decision: Decision | null;
  decisionReason: string | null;
  muteHours: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ReportRecord {
  id: string;
  caseId: string;
  reporterId: string;
  reporterName: string;
  targetType: TargetType;
  targetId: string;
  charterVersion: number | null;
  article: number | null;
  category: ReportCategory | null;
  note: string | null;
  createdAt: Date;
}

export interface CaseEventRecord {
  id: string;
  actorId: string | null;
  kind: string;
  detail: Record<string, unknown> | null;
  createdAt: Date;
}

export interface NewReport {
  id: string;
  caseId: string;
  organisationId: string;
  sphereId: string;
  reporterId: string;
  targetType: TargetType;
  targetId: string;
  charterVersion: number | null;
  article: number | null;
  category: ReportCategory | null;
  note: string | null;
}

export interface NewCase {
  id: string;
  kind: 'report' | 'approval';
  organisationId: string;
  sphereId: string;
  spherePath: string;
  targetType: TargetType;
  targetId: string;
  authorId: string | null;
  snapshot: Record<string, unknown>;
  /** Opened straight at the system managers' level (the author moderates the sphere). */
  escalatedBecauseOfAuthor: boolean;
  /** When it goes up if nobody decides it (null: it starts escalated). */
  deadlineAt: Date | null;
}

/** A comment as reported: what the snapshot keeps of it, and the post that decides who may read it. */
export interface CommentTarget {
  id: string;
  postId: string;
  authorId: string | null;
  authorName: string;
  body: string;
  createdAt: Date;
}

/** Reports, cases and their history: the only place of the moderation context that queries. */
@Injectable()
export class ModerationRepository {
  constructor(private readonly db: FastQuery) {}

  async sphere(sphereId: string): Promise<SphereFacts | null> {
    const [row] = await this.db.rows<SphereFacts>(
      `SELECT id, organisation_id AS "organisationId", path, visibility, archived_at IS NOT NULL AS archived
         FROM spheres WHERE id = $1`,
      [sphereId],
    );
    return row ?? null;
  }

  /** A comment not deleted, with its author's name (the post's readers read it). */
  async comment(commentId: string): Promise<CommentTarget | null> {
    const [row] = await this.db.rows<CommentTarget>(
      `SELECT c.id, c.post_id AS "postId", c.author_id AS "authorId", u.display_name AS "authorName", c.body,
              c.created_at AS "createdAt"
         FROM comments c LEFT JOIN users u ON u.id = c.author_id
        WHERE c.id = $1 AND c.deleted_at IS NULL`,
      [commentId],
    );
    return row ?? null;
  }

  /** An active or muted member of the sphere, with their name (a reported member). */
  async member(
    sphereId: string,
    userId: string,
  ): Promise<{ displayName: string; role: string; joinedAt: Date | null } | null> {
    const [row] = await this.db.rows<{ displayName: string; role: string; joinedAt: Date | null }>(
      `SELECT u.display_name AS "displayName", m.role, m.joined_at AS "joinedAt"
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.sphere_id = $1 AND m.user_id = $2 AND m.status IN ('active', 'muted')`,
      [sphereId, userId],
    );
    return row ?? null;
  }

  /**
   * The charter in force in the organisation: its version and how many articles it has (0, 0 when
   * it has none). Read here rather than through structure's service, which answers 404 without one.
   */
  async charterInForce(organisationId: string): Promise<{ version: number; articles: number }> {
    const [row] = await this.db.rows<{ version: number; articles: number }>(
      `SELECT o.charter_version AS version, coalesce(jsonb_array_length(ch.articles), 0)::int AS articles
         FROM organisations o
         LEFT JOIN charters ch ON ch.organisation_id = o.id AND ch.version = o.charter_version
        WHERE o.id = $1`,
      [organisationId],
    );
    return row ?? { version: 0, articles: 0 };
  }

  /**
   * The target's open case, opened now when there is none (`opened`), locked for the report's
   * transaction. moderation_cases_open_target_idx makes the opening race-free: a concurrent first
   * report waits for the other's commit, then joins its case.
   */
  async openCaseFor(input: NewCase, manager: EntityManager): Promise<{ caseId: string; opened: boolean }> {
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO moderation_cases
         (id, organisation_id, sphere_id, sphere_path, kind, target_type, target_id, target_snapshot, author_id,
          status, escalated_at, escalation_reason, deadline_at)
       SELECT $1, $2, $3, $4, $8, $5, $6, $7::jsonb, $9,
              CASE WHEN $10 THEN 'escalated' ELSE 'open' END,
              CASE WHEN $10 THEN now() END, CASE WHEN $10 THEN 'author_role' END, $11
       ON CONFLICT (target_type, target_id) WHERE status IN ('open', 'escalated') DO NOTHING
       RETURNING id`,
      [
        input.id,
        input.organisationId,
        input.sphereId,
        input.spherePath,
        input.targetType,
        input.targetId,
        JSON.stringify(input.snapshot),
        input.kind,
        input.authorId,
        input.escalatedBecauseOfAuthor,
        input.deadlineAt,
      ],
    );
    if (inserted.length) return { caseId: inserted[0].id, opened: true };
    const [open]: { id: string }[] = await manager.query(
      `SELECT id FROM moderation_cases WHERE target_type = $1 AND target_id = $2 AND status IN ('open', 'escalated') FOR UPDATE`,
      [input.targetType, input.targetId],
    );
    return { caseId: open.id, opened: false };
  }

  /** False when the reporter had already reported this target (reports_reporter_target_idx). */
  async insertReport(report: NewReport, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO reports (id, organisation_id, sphere_id, case_id, reporter_id, target_type, target_id,
                            charter_version, article, category, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (reporter_id, target_type, target_id) DO NOTHING
       RETURNING id`,
      [
        report.id,
        report.organisationId,
        report.sphereId,
        report.caseId,
        report.reporterId,
        report.targetType,
        report.targetId,
        report.charterVersion,
        report.article,
        report.category,
        report.note,
      ],
    );
    return rows.length > 0;
  }

  /** Counts the new report on its case; answers the case as it now stands. */
  async countReport(caseId: string, manager: EntityManager): Promise<CaseRecord> {
    // TypeORM answers an UPDATE … RETURNING as [rows, affected]
    const [rows]: [CaseRecord[], number] = await manager.query(
      `UPDATE moderation_cases c SET report_count = report_count + 1, updated_at = now()
        WHERE c.id = $1 RETURNING ${CASE_COLUMNS}`,
      [caseId],
    );
    return rows[0];
  }

  async recordEvent(
    event: { id: string; caseId: string; actorId: string | null; kind: string; detail?: unknown },
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO moderation_case_events (id, case_id, actor_id, kind, detail) VALUES ($1, $2, $3, $4, $5::jsonb)`,
      [
        event.id,
        event.caseId,
        event.actorId,
        event.kind,
        event.detail === undefined ? null : JSON.stringify(event.detail),
      ],
    );
  }

  /** The target's undecided case (open or escalated), locked for the caller's transaction. */
  async openCaseOf(targetType: TargetType, targetId: string, manager: EntityManager): Promise<CaseRecord | null> {
    const [row]: CaseRecord[] = await manager.query(
      `SELECT ${CASE_COLUMNS} FROM moderation_cases c
        WHERE c.target_type = $1 AND c.target_id = $2 AND c.status IN ('open', 'escalated') FOR UPDATE`,
      [targetType, targetId],
    );
    return row ?? null;
  }

  async findCase(caseId: string): Promise<CaseRecord | null> {
    const [row] = await this.db.rows<CaseRecord>(`SELECT ${CASE_COLUMNS} FROM moderation_cases c WHERE c.id = $1`, [
      caseId,
    ]);
    return row ?? null;
  }

  /** A sphere's cases with this status, newest first (moderation_cases_sphere_queue_idx), `limit` rows after `before`. */
  async sphereQueue(sphereId: string, status: CaseStatus, limit: number, before?: string): Promise<CaseRecord[]> {
    return this.db.prepared<CaseRecord>('moderation-sphere-queue', SPHERE_QUEUE_SQL, [
      sphereId,
      status,
      before ?? null,
      limit,
    ]);
  }

  async reportsOf(caseId: string): Promise<ReportRecord[]> {
    return this.db.rows<ReportRecord>(
      `SELECT r.id, r.case_id AS "caseId", r.reporter_id AS "reporterId", u.display_name AS "reporterName",
              r.target_type AS "targetType", r.target_id AS "targetId", r.charter_version AS "charterVersion",
              r.article, r.category, r.note, r.created_at AS "createdAt"
         FROM reports r JOIN users u ON u.id = r.reporter_id
        WHERE r.case_id = $1 ORDER BY r.created_at, r.id`,
      [caseId],
    );
  }

  async historyOf(caseId: string): Promise<CaseEventRecord[]> {
    return this.db.rows<CaseEventRecord>(
      `SELECT id, actor_id AS "actorId", kind, detail, created_at AS "createdAt"
         FROM moderation_case_events WHERE case_id = $1 ORDER BY created_at, id`,
      [caseId],
    );
  }

  /**
   * An organisation's cases that went up, with this status, newest first: all of them (`pathPrefixes`
   * null) or those of the subtrees under these sphere paths (see case-queue.statements.ts).
   */
  async organisationQueue(
    organisationId: string,
    status: CaseStatus,
    pathPrefixes: string[] | null,
    limit: number,
    before?: string,
  ): Promise<CaseRecord[]> {
    const params = [organisationId, status, before ?? null, limit];
    if (pathPrefixes === null) return this.db.prepared<CaseRecord>('moderation-org-queue', ORG_QUEUE_SQL, params);
    if (pathPrefixes.length === 0) return [];
    const { since, upto } = pathRanges(pathPrefixes);
    return this.db.prepared<CaseRecord>('moderation-scope-queue', SCOPE_QUEUE_SQL, [...params, since, upto]);
  }
}
