import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '@alveole/core';

const NAME = { minLength: 1, maxLength: 255 };

export class DocumentListQueryDto extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "a folder's documents; absent: the sphere's top level" })
  @IsOptional()
  @IsUUID()
  folderId?: string;

  @ApiPropertyOptional({ description: 'documents of the whole sphere whose name has these words' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class ContentQueryDto {
  @ApiPropertyOptional({ minimum: 1, description: 'an earlier version; absent: the current one' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version?: number;
}

export class ChangeDocumentDto {
  @ApiPropertyOptional(NAME)
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  name?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null: the top level' })
  @IsOptional()
  @IsUUID()
  folderId?: string | null;
}

export class CreateFolderDto {
  @ApiProperty(NAME)
  @IsString()
  @Length(1, 1000)
  name: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'absent or null: the top level' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
}

export class ChangeFolderDto {
  @ApiPropertyOptional(NAME)
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  name?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null: the top level' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
}
