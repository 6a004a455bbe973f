import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery } from '@alveole/core';
import { AuditLogRow } from '../audit-log.repository';

export class AuditLogQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'sphere.moved' }) @IsOptional() @IsString() @Length(1, 100) action?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() targetId?: string;
}

export function toAuditEntry(a: AuditLogRow) {
  return {
    id: a.id,
    actor: a.actorId ? { id: a.actorId, displayName: a.actorName } : null,
    action: a.action,
    targetType: a.targetType,
    targetId: a.targetId,
    before: a.before,
    after: a.after,
    createdAt: a.createdAt,
  };
}
