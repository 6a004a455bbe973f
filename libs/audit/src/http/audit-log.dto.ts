import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageOf, PageQuery } from '@alveole/core';
import { AuditLogRow } from '../audit-log.repository';

export class AuditLogQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'sphere.moved' }) @IsOptional() @IsString() @Length(1, 100) action?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() targetId?: string;
}

export class AuditActorResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true, description: 'null once the account is gone' })
  displayName: string | null;
}

export class AuditEntryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: AuditActorResponse, nullable: true, description: 'null: the system' })
  actor: AuditActorResponse | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'former-member-3f9a0c1d2e4b5a69',
    description: 'an erased actor: the same pseudonym for all their acts, never traceable to them',
  })
  actorPseudonym: string | null;
  @ApiProperty({ example: 'sphere.moved' }) action: string;
  @ApiProperty({ example: 'sphere' }) targetType: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) targetId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'state before' })
  before: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'state after' })
  after: Record<string, unknown> | null;
  @ApiProperty() createdAt: Date;
}

export class AuditEntryPage extends PageOf(AuditEntryResponse) {}

export function toAuditEntry(a: AuditLogRow): AuditEntryResponse {
  return {
    id: a.id,
    actor: a.actorId ? { id: a.actorId, displayName: a.actorName } : null,
    actorPseudonym: a.actorPseudonym,
    action: a.action,
    targetType: a.targetType,
    targetId: a.targetId,
    before: a.before as AuditEntryResponse['before'],
    after: a.after as AuditEntryResponse['after'],
    createdAt: a.createdAt,
  };
}
