import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { BRAND_LOCALES, type BrandLocale, REGISTRATION_POLICIES, type RegistrationPolicy } from '../brand/brand.model';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Host names as DNS writes them (IDN as punycode), lower case, no port, no duplicates. */
const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const hosts = ({ value }: { value: unknown }) =>
  Array.isArray(value)
    ? [...new Set(value.map((host) => (typeof host === 'string' ? host.trim().toLowerCase() : host)))]
    : value;
/** A value that may be set to null (cleared), checked only when it is not. */
const Nullable = () => ValidateIf((_object, value) => value !== null);
const URL_OPTIONS = { require_protocol: true, protocols: ['https', 'http'], require_tld: false };
/** No line breaks or other control characters: the name goes into the From header of e-mails. */
const HEADER_SAFE = /^[^\p{Cc}]*$/u;

export class BrandColorsDto {
  @ApiPropertyOptional({ example: '#1d4ed8' }) @IsOptional() @IsString() primary?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() secondary?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() background?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() text?: string;
}

export class LegalLinksDto {
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Nullable()
  @MaxLength(2000)
  @IsUrl(URL_OPTIONS)
  termsUrl?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Nullable()
  @MaxLength(2000)
  @IsUrl(URL_OPTIONS)
  privacyUrl?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Nullable()
  @MaxLength(2000)
  @IsUrl(URL_OPTIONS)
  contactUrl?: string | null;
}

export class EmailSenderDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the From name of e-mails' })
  @IsOptional()
  @Nullable()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  @Matches(HEADER_SAFE, { message: 'name must not contain line breaks or control characters' })
  name?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the From address of e-mails' })
  @IsOptional()
  @Nullable()
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  address?: string | null;
}

/** What PATCH /instance and PATCH /instance/brands/:id change (a field left out keeps its value). */
export class UpdateBrandDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 100) name?: string;
  @ApiPropertyOptional({ description: 'for narrow screens and the home-screen icon' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 30)
  shortName?: string;
  @ApiPropertyOptional({ type: BrandColorsDto, description: 'hex #rrggbb; text and primary on background ≥ 4.5:1' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BrandColorsDto)
  colors?: BrandColorsDto;
  @ApiPropertyOptional({ enum: BRAND_LOCALES }) @IsOptional() @IsIn(BRAND_LOCALES) defaultLocale?: BrandLocale;
  @ApiPropertyOptional({ description: 'plain text shown on the sign-in page' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  welcomeText?: string;
  @ApiPropertyOptional({ description: 'the default charter (Markdown)' })
  @IsOptional()
  @IsString()
  @MaxLength(50000)
  charter?: string;
  @ApiPropertyOptional({ type: LegalLinksDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LegalLinksDto)
  legal?: LegalLinksDto;
  @ApiPropertyOptional({ type: EmailSenderDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => EmailSenderDto)
  emailSender?: EmailSenderDto;
  @ApiPropertyOptional({ enum: REGISTRATION_POLICIES })
  @IsOptional()
  @IsIn(REGISTRATION_POLICIES)
  registration?: RegistrationPolicy;
  @ApiPropertyOptional({ description: 'the "powered by Alveole" line' }) @IsOptional() @IsBoolean() poweredBy?: boolean;
  @ApiPropertyOptional({ type: [String], description: 'host names this brand answers on (extra brands only)' })
  @IsOptional()
  @Transform(hosts)
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(HOST, { each: true, message: 'each host must be a host name, without scheme or port' })
  hosts?: string[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the organisation whose e-mails use this brand' })
  @IsOptional()
  @Nullable()
  @IsUUID()
  organisationId?: string | null;
}

/** A new brand: its name and host names; everything else it does not give is the default brand's. */
export class CreateBrandDto extends OmitType(UpdateBrandDto, ['name', 'hosts'] as const) {
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 100) name: string;
  @ApiProperty({ type: [String], example: ['asso.example.org'] })
  @Transform(hosts)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(HOST, { each: true, message: 'each host must be a host name, without scheme or port' })
  hosts: string[];
}
