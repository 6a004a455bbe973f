import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '@alveole/core';
import { CaseStatus, REPORT_CATEGORIES, TargetType } from '../moderation.repository';
import { MAX_REPORT_NOTE } from '../reports.service';

const TARGET_TYPES: TargetType[] = ['post', 'comment', 'member'];
const CASE_STATUSES: CaseStatus[] = ['open', 'resolved', 'dismissed', 'escalated'];
const REASON = new RegExp(`^([1-9][0-9]{0,3}|${REPORT_CATEGORIES.join('|')})$`);

export class CreateReportDto {
  @ApiProperty({ enum: TARGET_TYPES, description: 'members cannot be reported yet (422)' })
  @IsIn(TARGET_TYPES)
  targetType: TargetType;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  targetId: string;

  @ApiProperty({
    description: `an article number of the charter in force ("2"), or one of ${REPORT_CATEGORIES.join(', ')}`,
    example: 'harassment',
  })
  // an article may come as a JSON number
  @Transform(({ value }: { value: unknown }) => (typeof value === 'number' ? String(value) : value))
  @IsString()
  @Matches(REASON, { message: `reason must be a charter article number or one of ${REPORT_CATEGORIES.join(', ')}` })
  reason: string;

  @ApiPropertyOptional({ maxLength: MAX_REPORT_NOTE })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_REPORT_NOTE)
  note?: string;
}

export class CaseQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CASE_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status: CaseStatus = 'open';
}

/** Managers see only cases that went up: an open case has not (422 `validation-failed`). */
const WENT_UP_STATUSES: CaseStatus[] = ['escalated', 'resolved', 'dismissed'];

export class OrganisationCaseQuery extends PageQuery {
  @ApiPropertyOptional({ enum: WENT_UP_STATUSES, default: 'escalated' })
  @IsOptional()
  @IsIn(WENT_UP_STATUSES)
  status: CaseStatus = 'escalated';
}
