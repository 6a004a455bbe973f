import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

export class PushKeysDto {
  @ApiProperty({ description: "the browser's P-256 public key, base64url (65 bytes)", minLength: 87, maxLength: 87 })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{87}$/, { message: 'keys.p256dh must be 65 bytes in base64url' })
  p256dh: string;

  @ApiProperty({ description: 'the authentication secret, base64url (16 bytes)', minLength: 22, maxLength: 22 })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{22}$/, { message: 'keys.auth must be 16 bytes in base64url' })
  auth: string;
}

/** What `PushSubscription.toJSON()` gives in the browser, and a name for the device. */
export class PushSubscriptionDto {
  @ApiProperty({ format: 'uri', maxLength: 2048, description: 'https, on a public host' })
  @IsString()
  @MaxLength(2048)
  endpoint: string;

  @ApiProperty({ type: PushKeysDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => PushKeysDto)
  keys: PushKeysDto;

  @ApiPropertyOptional({ maxLength: 100, example: 'Firefox on my laptop' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  device?: string;
}
