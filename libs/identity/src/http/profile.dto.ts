import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { IsDisplayName } from '../display-name';

export const LOCALE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/;

export class UpdateProfileDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100, description: 'the name other members see' })
  @IsOptional()
  @IsDisplayName()
  @IsString()
  @Length(1, 100)
  displayName?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'fr',
    description: 'a BCP 47 language tag; null to follow the browser again',
  })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @Matches(LOCALE_PATTERN, { message: 'locale must be a language tag such as fr or pt-BR' })
  locale?: string | null;
}

export class ProfileResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true, description: 'null for a member without e-mail' }) email: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the sign-in name of a member without e-mail' })
  username: string | null;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: String, nullable: true, example: 'fr' }) locale: string | null;
}
