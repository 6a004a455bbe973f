/** Who may create an account under a brand: anyone, holders of an invitation code, or only instance admins. */
export const REGISTRATION_POLICIES = ['open', 'invitation_only', 'closed'] as const;
export type RegistrationPolicy = (typeof REGISTRATION_POLICIES)[number];

export const BRAND_LOCALES = ['fr', 'en'] as const;
export type BrandLocale = (typeof BRAND_LOCALES)[number];

export const COLOR_NAMES = ['primary', 'secondary', 'background', 'text'] as const;
export type BrandColors = Record<(typeof COLOR_NAMES)[number], string>;

export interface LegalLinks {
  termsUrl: string | null;
  privacyUrl: string | null;
  contactUrl: string | null;
}

/** What anyone may read: the look and the rules of the brand a host name shows. */
export interface PublicBrand {
  id: string;
  name: string;
  shortName: string;
  logoUrl: string | null;
  faviconUrl: string | null;
  /** Square icons for home screens and the web manifest, by size in pixels. */
  iconUrls: Record<string, string> | null;
  colors: BrandColors;
  defaultLocale: BrandLocale;
  welcomeText: string;
  charter: string;
  legal: LegalLinks;
  registration: RegistrationPolicy;
  poweredBy: boolean;
}

/** What instance admins edit, beyond the public part. */
export interface BrandSettings extends PublicBrand {
  isDefault: boolean;
  hosts: string[];
  organisationId: string | null;
  emailSender: { name: string | null; address: string | null };
  updatedAt: Date;
}

/** The editable fields, each optional (PATCH) — colours, links and sender merge with what is stored. */
export interface BrandChanges {
  name?: string;
  shortName?: string;
  colors?: Partial<BrandColors>;
  defaultLocale?: BrandLocale;
  welcomeText?: string;
  charter?: string;
  legal?: Partial<LegalLinks>;
  emailSender?: { name?: string | null; address?: string | null };
  registration?: RegistrationPolicy;
  poweredBy?: boolean;
  hosts?: string[];
  organisationId?: string | null;
}

/** Image variant name → image id (the hash of its bytes). */
export type ImageSet = Record<string, string>;

export const IMAGE_PATH = '/api/v1/instance/images';
export const imageUrl = (id: string): string => `${IMAGE_PATH}/${id}.png`;
