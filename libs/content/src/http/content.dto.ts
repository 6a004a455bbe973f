import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { PageQuery } from '@alveole/core';
import { MAX_COMMENT_LENGTH } from '../comments.service';
import { MAX_POST_LENGTH } from '../markdown-renderer';
import { REACTION_KINDS, ReactionKind } from '../reactions.service';

/** A body must say something: whitespace alone is empty. NUL is no text (PostgreSQL refuses it: a 500). */
@ValidatorConstraint({ name: 'notBlank' })
class NotBlank implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && value.trim().length > 0 && !value.includes('\u0000');
  }
  defaultMessage(): string {
    return 'must not be empty nor hold a NUL character';
  }
}

export class CreatePostDto {
  @ApiProperty({ maxLength: MAX_POST_LENGTH, description: 'Markdown; raw HTML is shown as text' })
  @IsString()
  @Length(1, MAX_POST_LENGTH)
  @Validate(NotBlank)
  body: string;

  @ApiPropertyOptional({ type: [String], maxItems: 10, description: 'ids of documents of this sphere (at most 10)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID(undefined, { each: true })
  attachmentIds?: string[];
}

export class EditPostDto {
  @ApiPropertyOptional({ maxLength: MAX_POST_LENGTH })
  @IsOptional()
  @IsString()
  @Length(1, MAX_POST_LENGTH)
  @Validate(NotBlank)
  body?: string;

  @ApiPropertyOptional({ description: 'animators: an announcement every member should get' })
  @IsOptional()
  @IsBoolean()
  important?: boolean;
}

export class CreateCommentDto {
  @ApiProperty({ maxLength: MAX_COMMENT_LENGTH })
  @IsString()
  @Length(1, MAX_COMMENT_LENGTH)
  @Validate(NotBlank)
  body: string;

  @ApiPropertyOptional({ description: 'a top-level comment of the same post (one level of replies)' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class FeedQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: 'a `sinceCursor` from an earlier page: what is newer than it' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  since?: string;
}

export class SearchQueryDto extends PageQuery {
  @ApiProperty({ minLength: 1, maxLength: 200 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 200)
  q: string;
}

export class ReactionParams {
  @ApiProperty({ enum: REACTION_KINDS })
  @IsIn(REACTION_KINDS)
  kind: ReactionKind;

  /** `@Param()` hands over every route param: without this the whitelist refuses postId (its own pipe checks it). */
  @Allow()
  postId: string;
}
