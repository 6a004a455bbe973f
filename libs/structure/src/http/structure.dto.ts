import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@alveole/core';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { ORG_ROLES, OrgRole, SPHERE_ROLES, SphereRole } from '@alveole/access';
import { CONTENT_ON_ERASURE, ContentOnErasure } from '@alveole/identity';
import { MEMBERSHIP_POLICIES, MembershipPolicy, SPHERE_CREATION, SphereCreation } from '../organisation.entity';
import {
  MODERATION_MODES,
  ModerationMode,
  POSTING_POLICIES,
  PostingPolicy,
  SPHERE_KINDS,
  SphereKind,
  VISIBILITIES,
  Visibility,
} from '../sphere.entity';
import { SLUG_PATTERN } from '../slug';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const SLUG_MESSAGE = 'must be lower-case letters and digits separated by single hyphens';

export { PageQuery };

export class SphereListQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() parentId?: string;
}

export class CreateOrganisationDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ example: 'acat-france' })
  @IsString()
  @Length(2, 80)
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  slug: string;
  @ApiPropertyOptional({ enum: SPHERE_CREATION }) @IsOptional() @IsIn(SPHERE_CREATION) sphereCreation?: SphereCreation;
  @ApiPropertyOptional({ enum: MEMBERSHIP_POLICIES })
  @IsOptional()
  @IsIn(MEMBERSHIP_POLICIES)
  membershipPolicy?: MembershipPolicy;
  @ApiPropertyOptional() @IsOptional() @IsUUID() ownerId?: string;
}

export class UpdateOrganisationDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ enum: SPHERE_CREATION }) @IsOptional() @IsIn(SPHERE_CREATION) sphereCreation?: SphereCreation;
  @ApiPropertyOptional({ enum: MEMBERSHIP_POLICIES })
  @IsOptional()
  @IsIn(MEMBERSHIP_POLICIES)
  membershipPolicy?: MembershipPolicy;
  @ApiPropertyOptional({
    enum: CONTENT_ON_ERASURE,
    description: 'what an erased member\'s posts, comments and files become: kept as "former member", or deleted',
  })
  @IsOptional()
  @IsIn(CONTENT_ON_ERASURE)
  contentOnErasure?: ContentOnErasure;
}

export class GrantRoleDto {
  @ApiProperty() @IsUUID() userId: string;
  @ApiProperty({ enum: ORG_ROLES }) @IsIn(ORG_ROLES) role: OrgRole;
  @ApiPropertyOptional({ description: 'the subtree the role applies to; absent = the whole organisation' })
  @IsOptional()
  @IsUUID()
  scopeSphereId?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Date) @IsDate() expiresAt?: Date;
}

class SphereFieldsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @ApiPropertyOptional({ enum: POSTING_POLICIES }) @IsOptional() @IsIn(POSTING_POLICIES) postingPolicy?: PostingPolicy;
  @ApiPropertyOptional({ enum: MODERATION_MODES })
  @IsOptional()
  @IsIn(MODERATION_MODES)
  moderationMode?: ModerationMode;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 20) territoryCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() historyVisibleToNewcomers?: boolean;
}

export class CreateSphereDto extends SphereFieldsDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 200) name: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 80)
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  slug?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() parentId?: string;
  @ApiProperty({ enum: SPHERE_KINDS }) @IsIn(SPHERE_KINDS) kind: SphereKind;
  @ApiProperty({ enum: VISIBILITIES }) @IsIn(VISIBILITIES) visibility: Visibility;
}

export class UpdateSphereDto extends SphereFieldsDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 80)
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  slug?: string;
  @ApiPropertyOptional({ enum: SPHERE_KINDS }) @IsOptional() @IsIn(SPHERE_KINDS) kind?: SphereKind;
  @ApiPropertyOptional({ enum: VISIBILITIES }) @IsOptional() @IsIn(VISIBILITIES) visibility?: Visibility;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) charterAddendum?: string;
}

export class MoveSphereDto {
  @ApiProperty() @IsUUID() parentId: string;
}

export class PutMemberDto {
  @ApiProperty({ enum: SPHERE_ROLES }) @IsIn(SPHERE_ROLES) role: SphereRole;
  @ApiPropertyOptional() @IsOptional() @Type(() => Date) @IsDate() expiresAt?: Date;
}
