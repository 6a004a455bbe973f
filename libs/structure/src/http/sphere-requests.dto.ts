import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { SPHERE_REQUEST_STATUSES, SphereRequestStatus } from '../sphere-request.entity';
import { SPHERE_KINDS, SphereKind, VISIBILITIES, Visibility } from '../sphere.entity';
import { PageQuery } from './structure.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateSphereRequestDto {
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 200) name: string;
  @ApiProperty() @IsUUID() parentId: string;
  @ApiProperty({ description: 'why this sphere is needed, for the managers who decide' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason: string;
  @ApiPropertyOptional({ enum: SPHERE_KINDS }) @IsOptional() @IsIn(SPHERE_KINDS) kind?: SphereKind;
  @ApiPropertyOptional({ enum: VISIBILITIES }) @IsOptional() @IsIn(VISIBILITIES) visibility?: Visibility;
}

export class ApproveSphereRequestDto {
  @ApiPropertyOptional({ description: 'the name of the new sphere, when the request needs tidying' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name?: string;
  @ApiPropertyOptional({ enum: SPHERE_KINDS }) @IsOptional() @IsIn(SPHERE_KINDS) kind?: SphereKind;
  @ApiPropertyOptional({ enum: VISIBILITIES }) @IsOptional() @IsIn(VISIBILITIES) visibility?: Visibility;
}

export class RejectSphereRequestDto {
  @ApiProperty({ description: 'told to the requester' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class SphereRequestListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SPHERE_REQUEST_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(SPHERE_REQUEST_STATUSES)
  status?: SphereRequestStatus;
}
