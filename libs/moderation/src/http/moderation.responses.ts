import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '@alveole/core';
import { CaseDetail } from '../cases.service';
import { CaseEventRecord, CaseRecord, DECISIONS, ReportRecord } from '../moderation.repository';
import { Outcome } from '../outcomes';
import { FiledReport } from '../reports.service';

export class ReportResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'the case the report joined or opened' }) caseId: string;
  @ApiProperty({ enum: ['post', 'comment', 'member', 'document'] }) targetType: string;
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({ description: 'the charter article number, or the category' }) reason: string;
  @ApiProperty({ type: Number, nullable: true, description: 'the charter version an article number refers to' })
  charterVersion: number | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}

export class ReporterResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
}

export class CaseReportResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: ReporterResponse }) reporter: ReporterResponse;
  @ApiProperty() reason: string;
  @ApiProperty({ type: Number, nullable: true }) charterVersion: number | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}

export class CaseHistoryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    description: '`opened`, `reported`, `auto_hidden`, `claimed`, `released`, `escalated`, `decided`',
  })
  kind: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'what the step carried' })
  detail: Record<string, unknown> | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}

export class CaseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sphereId: string;
  @ApiProperty({ enum: ['report', 'approval'] }) kind: string;
  @ApiProperty({ enum: ['open', 'resolved', 'dismissed', 'escalated'] }) status: string;
  @ApiProperty({ enum: ['post', 'comment', 'member', 'document'] }) targetType: string;
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the target as first reported (author, body, dates): later edits do not change it',
  })
  snapshot: Record<string, unknown>;
  @ApiProperty() reportCount: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "whose conduct: the target's author" })
  authorId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) claimedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) claimedByName: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'the claim lapses then' })
  claimedUntil: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) escalatedAt: string | null;
  @ApiProperty({ type: String, enum: ['author_role', 'animator', 'deadline'], nullable: true })
  escalationReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'it goes up then if still open' })
  deadlineAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) decidedBy: string | null;
  @ApiProperty({ type: String, enum: DECISIONS, nullable: true }) decision: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionReason: string | null;
  @ApiProperty({ type: Number, nullable: true }) muteHours: number | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
}

export class CurrentTargetResponse {
  @ApiProperty({ enum: ['published', 'pending', 'hidden', 'removed'] }) status: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) editedAt: string | null;
}

export class CaseDetailResponse extends CaseResponse {
  @ApiProperty({
    type: CurrentTargetResponse,
    nullable: true,
    description: 'the post or comment as it stands now (null: deleted by its author, or a member)',
  })
  current: CurrentTargetResponse | null;
  @ApiProperty({ type: [CaseReportResponse] }) reports: CaseReportResponse[];
  @ApiProperty({ type: [CaseHistoryResponse] }) history: CaseHistoryResponse[];
}

export class CasePage extends PageOf(CaseResponse) {}

export class OutcomeResponse {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: ['author', 'reporter'] }) role: string;
  @ApiProperty({ enum: ['post', 'comment', 'member', 'document'] }) targetType: string;
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({ format: 'uuid' }) sphereId: string;
  @ApiProperty({ enum: DECISIONS }) decision: string;
  @ApiProperty({ type: String, nullable: true, description: "the moderator's reason (to the author only)" })
  reason: string | null;
  @ApiProperty({ type: [Number], description: 'the charter articles the reports cited (to the author only)' })
  articles: number[];
  @ApiProperty({ type: String, format: 'date-time' }) decidedAt: string;
}

export class OutcomePage extends PageOf(OutcomeResponse) {}

export class ModerationSettingsResponse {
  @ApiProperty() hideThreshold: number;
  @ApiProperty({ type: Number, nullable: true }) deadlineHours: number | null;
}

const iso = (d: Date | string) => new Date(d).toISOString();

export function toReportResponse(r: FiledReport): ReportResponse {
  return { ...r, createdAt: iso(r.createdAt) };
}

export function toCaseResponse(c: CaseRecord): CaseResponse {
  return {
    id: c.id,
    sphereId: c.sphereId,
    kind: c.kind,
    status: c.status,
    targetType: c.targetType,
    targetId: c.targetId,
    snapshot: c.targetSnapshot,
    reportCount: c.reportCount,
    authorId: c.authorId,
    claimedBy: c.claimedBy,
    claimedByName: c.claimedByName,
    claimedUntil: c.claimedUntil ? iso(c.claimedUntil) : null,
    escalatedAt: c.escalatedAt ? iso(c.escalatedAt) : null,
    escalationReason: c.escalationReason,
    deadlineAt: c.deadlineAt ? iso(c.deadlineAt) : null,
    decidedAt: c.decidedAt ? iso(c.decidedAt) : null,
    decidedBy: c.decidedBy,
    decision: c.decision,
    decisionReason: c.decisionReason,
    muteHours: c.muteHours,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  };
}

const toCaseReport = (r: ReportRecord): CaseReportResponse => ({
  id: r.id,
  reporter: { id: r.reporterId, displayName: r.reporterName },
  reason: r.category ?? String(r.article),
  charterVersion: r.charterVersion,
  note: r.note,
  createdAt: iso(r.createdAt),
});

const toHistory = (e: CaseEventRecord): CaseHistoryResponse => ({
  id: e.id,
  kind: e.kind,
  detail: e.detail,
  actorId: e.actorId,
  createdAt: iso(e.createdAt),
});

export function toCaseDetailResponse(d: CaseDetail): CaseDetailResponse {
  return {
    ...toCaseResponse(d.moderationCase),
    current: d.current && { ...d.current, editedAt: d.current.editedAt ? iso(d.current.editedAt) : null },
    reports: d.reports.map(toCaseReport),
    history: d.history.map(toHistory),
  };
}

export const toOutcomeResponse = (o: Outcome): OutcomeResponse => ({
  caseId: o.caseId,
  role: o.role,
  targetType: o.targetType,
  targetId: o.targetId,
  sphereId: o.sphereId,
  decision: o.decision,
  reason: o.reason,
  articles: o.articles,
  decidedAt: iso(o.decidedAt),
});
