import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateIf,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { PageQuery } from '@alveole/core';
import { CaseStatus, Decision, DECISIONS, REPORT_CATEGORIES, TargetType } from '../moderation.repository';
import { MAX_REPORT_NOTE } from '../reports.service';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** NUL is no text: PostgreSQL refuses it (a 500 if it got there). */
@ValidatorConstraint({ name: 'noNul' })
class NoNul implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value !== 'string' || !value.includes('\u0000');
  }
  defaultMessage(): string {
    return '$property must not hold a NUL character';
  }
}

export const MAX_MUTE_HOURS = 8760;
const TARGET_TYPES: TargetType[] = ['post', 'comment', 'member', 'document'];
const CASE_STATUSES: CaseStatus[] = ['open', 'resolved', 'dismissed', 'escalated'];
const REASON = new RegExp(`^([1-9][0-9]{0,3}|${REPORT_CATEGORIES.join('|')})$`);

export class CreateReportDto {
  @ApiProperty({ enum: TARGET_TYPES })
  @IsIn(TARGET_TYPES)
  targetType: TargetType;

  @ApiProperty({ format: 'uuid', description: "the post's, the comment's, or the member's user id" })
  @IsUUID()
  targetId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'for a member: the sphere where they are reported' })
  @IsOptional()
  @IsUUID()
  sphereId?: string;

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
  @Validate(NoNul)
  note?: string;
}

export class DecisionDto {
  @ApiProperty({ enum: DECISIONS, description: '`ban` (from the organisation) is for system managers' })
  @IsIn(DECISIONS)
  action: Decision;

  @ApiProperty({ minLength: 1, maxLength: MAX_REPORT_NOTE, description: 'told to the author with the articles cited' })
  @Transform(trim)
  @IsString()
  @Length(1, MAX_REPORT_NOTE)
  @Validate(NoNul)
  reason: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_MUTE_HOURS, description: "a mute's length, required for `mute`" })
  @ValidateIf((dto: DecisionDto) => dto.action === 'mute' || dto.durationHours !== undefined)
  @IsInt()
  @Min(1)
  @Max(MAX_MUTE_HOURS)
  durationHours?: number;
}

export class EscalationDto {
  @ApiProperty({ minLength: 1, maxLength: MAX_REPORT_NOTE, description: 'why the system managers should judge it' })
  @Transform(trim)
  @IsString()
  @Length(1, MAX_REPORT_NOTE)
  @Validate(NoNul)
  reason: string;
}

export class ModerationSettingsDto {
  @ApiProperty({
    minimum: 0,
    maximum: 100,
    description: 'distinct reporters that hide content until a decision; 0: never',
  })
  @IsInt()
  @Min(0)
  @Max(100)
  hideThreshold: number;

  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 720, description: 'null: the instance default' })
  @ValidateIf((dto: ModerationSettingsDto) => dto.deadlineHours !== null)
  @IsInt()
  @Min(1)
  @Max(720)
  deadlineHours: number | null;
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
