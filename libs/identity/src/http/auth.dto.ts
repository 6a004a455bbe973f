import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Length, MaxLength, MinLength } from 'class-validator';
import { IsDisplayName } from '../display-name';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto {
  @ApiProperty({ example: 'ada@example.org' })
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email: string;

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

export class LoginDto {
  @ApiProperty()
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email: string;

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
  @ApiProperty() email: string;
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
