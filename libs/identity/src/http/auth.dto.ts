import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Length, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsDisplayName } from '../display-name';
import { USERNAME_PATTERN } from '../username';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimLower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const USERNAME_RULE = 'username must be 3 to 30 of a-z, 0-9, ".", "_", "-", starting with a letter or digit';

export class RegisterDto {
  @ApiPropertyOptional({
    example: 'ada@example.org',
    description: 'optional: without it, a username and an invitationCode are required',
  })
  @IsOptional()
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({
    example: 'ada.l',
    pattern: USERNAME_PATTERN.source,
    description: 'a sign-in name for members without e-mail (lower-cased); unique',
  })
  @IsOptional()
  @Transform(trimLower)
  @IsString()
  @Matches(USERNAME_PATTERN, { message: USERNAME_RULE })
  username?: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;

  @ApiProperty({
    example: 'Ada Lovelace',
    description: 'trimmed and NFC-normalised; no control, bidirectional-override or zero-width characters',
  })
  @IsDisplayName()
  @IsString()
  @Length(1, 100)
  displayName: string;

  @ApiPropertyOptional({ description: 'an invitation code: the new account joins its sphere, or is not created' })
  @IsOptional()
  @IsString()
  @Length(8, 200)
  invitationCode?: string;
}

/** An account an instance admin makes for someone: what a registration asks, without an invitation. */
export class CreateAccountDto extends OmitType(RegisterDto, ['invitationCode'] as const) {}

/** Exactly one of `email` and `username`. */
export class LoginDto {
  @ApiPropertyOptional({ description: 'the e-mail, or else a username' })
  @ValidateIf((dto: LoginDto) => dto.username === undefined || dto.email !== undefined)
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: 'the username of a member without e-mail, or else an e-mail' })
  @ValidateIf((dto: LoginDto) => dto.email === undefined || dto.username !== undefined)
  @Transform(trimLower)
  @IsString()
  @Length(1, 30)
  username?: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  password: string;
}

export class RefreshTokenDto {
  @ApiProperty()
  @IsString()
  @Length(16, 200)
  refreshToken: string;
}

export class UserResponse {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true, description: 'null for a member without e-mail' }) email: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the sign-in name of a member without e-mail' })
  username: string | null;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, enum: ['instance_admin'] }) instanceRole: string | null;
}

export class TokensResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
}

export class SessionResponse extends TokensResponse {
  @ApiProperty({ type: UserResponse }) user: UserResponse;
}

/** `username` or `email` (exactly one), the code an animator gave, the new password. */
export class ResetWithCodeDto {
  @ApiPropertyOptional({ description: 'the e-mail, or else a username' })
  @ValidateIf((dto: ResetWithCodeDto) => dto.username === undefined || dto.email !== undefined)
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: 'the username, or else an e-mail' })
  @ValidateIf((dto: ResetWithCodeDto) => dto.email === undefined || dto.username !== undefined)
  @Transform(trimLower)
  @IsString()
  @Length(1, 30)
  username?: string;

  @ApiProperty({ description: 'as given (spaces and dashes ignored, any case)', example: 'KXP7M-3RQ9T' })
  @IsString()
  @Length(6, 40)
  code: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  newPassword: string;
}

export class ResetLinkRequestDto {
  @ApiProperty({ example: 'ada@example.org' })
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class ResetLinkRequestedResponse {
  @ApiProperty({
    enum: ['accepted'],
    description: 'the same for every address: an e-mail goes out only when an account has it',
  })
  status: 'accepted';
}

export class ResetLinkConfirmDto {
  @ApiProperty({ description: 'the token from the e-mailed link' })
  @IsString()
  @Length(16, 200)
  token: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  newPassword: string;
}
