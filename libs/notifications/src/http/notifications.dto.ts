import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsTimeZone,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '@alveole/core';
import { NOTIFICATION_LEVELS, NotificationLevel } from '../notification-kinds';

export class NotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'only the unread ones' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

/** `{ ids }` marks those read; `{ all: true }` every one up to now. */
export class MarkReadDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 100 })
  @ValidateIf((dto: MarkReadDto) => dto.all !== true)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  ids?: string[];

  @ApiPropertyOptional({ enum: [true] })
  @IsOptional()
  @IsIn([true])
  all?: true;
}

export class PreferenceDto {
  @ApiProperty({ enum: NOTIFICATION_LEVELS, nullable: true, description: "null: back to the sphere's default" })
  @ValidateIf((_dto, value) => value !== null)
  @IsIn(NOTIFICATION_LEVELS)
  level: NotificationLevel | null;
}

export class SphereDefaultDto {
  @ApiProperty({ enum: NOTIFICATION_LEVELS })
  @IsIn(NOTIFICATION_LEVELS)
  level: NotificationLevel;
}

const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export class QuietHoursDto {
  @ApiProperty({ example: '22:00' }) @Matches(HH_MM, { message: 'start must be HH:MM' }) start: string;
  @ApiProperty({ example: '07:00' }) @Matches(HH_MM, { message: 'end must be HH:MM' }) end: string;
}

/** What is given changes; what is absent stays. */
export class SettingsDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() emailEnabled?: boolean;

  @ApiPropertyOptional({ example: 'Europe/Paris' }) @IsOptional() @IsTimeZone() timeZone?: string;

  @ApiPropertyOptional({ type: QuietHoursDto, nullable: true, description: 'null: none' })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto | null;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1000,
    description: 'e-mails a day at most; the rest waits for the next digest',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  dailyEmailCap?: number;
}
