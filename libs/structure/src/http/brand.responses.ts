import { ApiProperty } from '@nestjs/swagger';
import { BRAND_LOCALES, type BrandLocale, REGISTRATION_POLICIES, type RegistrationPolicy } from '../brand/brand.model';

export class BrandColorsResponse {
  @ApiProperty({ example: '#1d4ed8' }) primary: string;
  @ApiProperty() secondary: string;
  @ApiProperty() background: string;
  @ApiProperty() text: string;
}

export class LegalLinksResponse {
  @ApiProperty({ type: String, nullable: true }) termsUrl: string | null;
  @ApiProperty({ type: String, nullable: true }) privacyUrl: string | null;
  @ApiProperty({ type: String, nullable: true }) contactUrl: string | null;
}

export class EmailSenderResponse {
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
}

/** GET /instance: the brand of the host the request came to. */
export class InstanceBrandResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() shortName: string;
  @ApiProperty({ type: String, nullable: true, description: 'PNG fitting 512×128, immutable URL' })
  logoUrl: string | null;
  @ApiProperty({ type: String, nullable: true, description: '32×32 PNG' }) faviconUrl: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    nullable: true,
    description: 'square PNG icons by size (180, 192, 512)',
  })
  iconUrls: Record<string, string> | null;
  @ApiProperty({ type: BrandColorsResponse }) colors: BrandColorsResponse;
  @ApiProperty({ enum: BRAND_LOCALES }) defaultLocale: BrandLocale;
  @ApiProperty({ description: 'plain text for the sign-in page' }) welcomeText: string;
  @ApiProperty({ description: 'the default charter, shown at sign-up' }) charter: string;
  @ApiProperty({ type: LegalLinksResponse }) legal: LegalLinksResponse;
  @ApiProperty({ enum: REGISTRATION_POLICIES }) registration: RegistrationPolicy;
  @ApiProperty() poweredBy: boolean;
}

/** A brand as instance admins edit it. */
export class BrandSettingsResponse extends InstanceBrandResponse {
  @ApiProperty() isDefault: boolean;
  @ApiProperty({ type: [String] }) hosts: string[];
  @ApiProperty({ type: String, nullable: true }) organisationId: string | null;
  @ApiProperty({ type: EmailSenderResponse }) emailSender: EmailSenderResponse;
  @ApiProperty() updatedAt: Date;
}

export class BrandListResponse {
  @ApiProperty({ type: [BrandSettingsResponse], description: 'the default brand first, then by name' })
  items: BrandSettingsResponse[];
}
