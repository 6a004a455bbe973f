import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '@alveole/core';
import { CaseDetail } from '../cases.service';
import { CaseEventRecord, CaseRecord, ReportRecord } from '../moderation.repository';
import { FiledReport } from '../reports.service';

export class ReportResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'the case the report joined or opened' }) caseId: string;
  @ApiProperty({ enum: ['post', 'comment', 'member'] }) targetType: string;
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
  @ApiProperty({ description: '`opened`, `reported`' }) kind: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}

export class CaseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sphereId: string;
  @ApiProperty({ enum: ['report', 'approval'] }) kind: string;
  @ApiProperty({ enum: ['open', 'resolved', 'dismissed', 'escalated'] }) status: string;
  @ApiProperty({ enum: ['post', 'comment', 'member'] }) targetType: string;
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the target as first reported (author, body, dates): later edits do not change it',
  })
  snapshot: Record<string, unknown>;
  @ApiProperty() reportCount: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) claimedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) claimedUntil: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
}

export class CaseDetailResponse extends CaseResponse {
  @ApiProperty({ type: [CaseReportResponse] }) reports: CaseReportResponse[];
  @ApiProperty({ type: [CaseHistoryResponse] }) history: CaseHistoryResponse[];
}

export class CasePage extends PageOf(CaseResponse) {}

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
    claimedBy: c.claimedBy,
    claimedUntil: c.claimedUntil ? iso(c.claimedUntil) : null,
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
  actorId: e.actorId,
  createdAt: iso(e.createdAt),
});

export function toCaseDetailResponse(d: CaseDetail): CaseDetailResponse {
  return {
    ...toCaseResponse(d.moderationCase),
    reports: d.reports.map(toCaseReport),
    history: d.history.map(toHistory),
  };
}
