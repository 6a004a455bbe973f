import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FastQuery } from '@alveole/core';
import { BrandColors, BrandLocale, BrandSettings, ImageSet, imageUrl, RegistrationPolicy } from './brand.model';

interface BrandRow {
  id: string;
  isDefault: boolean;
  organisationId: string | null;
  name: string;
  shortName: string;
  logo: ImageSet | null;
  favicon: ImageSet | null;
  colors: BrandColors;
  defaultLocale: BrandLocale;
  welcomeText: string;
  charter: string;
  termsUrl: string | null;
  privacyUrl: string | null;
  contactUrl: string | null;
  emailSenderName: string | null;
  emailSenderAddress: string | null;
  registration: RegistrationPolicy;
  poweredBy: boolean;
  updatedAt: Date;
  hosts: string[];
}

/** A brand's stored columns (snake_case), as written by insert and update. */
export interface BrandColumns {
  name: string;
  short_name: string;
  colors: BrandColors;
  default_locale: BrandLocale;
  welcome_text: string;
  charter: string;
  terms_url: string | null;
  privacy_url: string | null;
  contact_url: string | null;
  email_sender_name: string | null;
  email_sender_address: string | null;
  registration: RegistrationPolicy;
  powered_by: boolean;
  organisation_id: string | null;
  logo: ImageSet | null;
  favicon: ImageSet | null;
}

const SELECT_BRANDS = `
  SELECT b.id, b.is_default AS "isDefault", b.organisation_id AS "organisationId", b.name, b.short_name AS "shortName",
         b.logo, b.favicon, b.colors, b.default_locale AS "defaultLocale", b.welcome_text AS "welcomeText", b.charter,
         b.terms_url AS "termsUrl", b.privacy_url AS "privacyUrl", b.contact_url AS "contactUrl",
         b.email_sender_name AS "emailSenderName", b.email_sender_address AS "emailSenderAddress",
         b.registration, b.powered_by AS "poweredBy", b.updated_at AS "updatedAt",
         coalesce((SELECT array_agg(h.host ORDER BY h.host) FROM brand_hosts h WHERE h.brand_id = b.id), '{}') AS hosts
    FROM brands b`;

/** Every stored column that an edit may write, in a fixed order (the UPDATE's parameters). */
const COLUMNS: (keyof BrandColumns)[] = [
  'name', 'short_name', 'colors', 'default_locale', 'welcome_text', 'charter', 'terms_url', 'privacy_url',
  'contact_url', 'email_sender_name', 'email_sender_address', 'registration', 'powered_by', 'organisation_id',
  'logo', 'favicon',
]; // prettier-ignore
const JSON_COLUMNS = new Set<keyof BrandColumns>(['colors', 'logo', 'favicon']);
const valuesOf = (columns: BrandColumns) =>
  COLUMNS.map((column) =>
    JSON_COLUMNS.has(column) && columns[column] ? JSON.stringify(columns[column]) : columns[column],
  );

function toSettings(row: BrandRow): BrandSettings {
  return {
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    logoUrl: row.logo?.logo ? imageUrl(row.logo.logo) : null,
    faviconUrl: row.favicon?.['32'] ? imageUrl(row.favicon['32']) : null,
    iconUrls: row.favicon
      ? Object.fromEntries(
          Object.entries(row.favicon)
            .filter(([size]) => size !== '32')
            .map(([size, id]) => [size, imageUrl(id)]),
        )
      : null,
    colors: row.colors,
    defaultLocale: row.defaultLocale,
    welcomeText: row.welcomeText,
    charter: row.charter,
    legal: { termsUrl: row.termsUrl, privacyUrl: row.privacyUrl, contactUrl: row.contactUrl },
    registration: row.registration,
    poweredBy: row.poweredBy,
    isDefault: row.isDefault,
    hosts: row.hosts,
    organisationId: row.organisationId,
    emailSender: { name: row.emailSenderName, address: row.emailSenderAddress },
    updatedAt: row.updatedAt,
  };
}

/** The brands, their host names and their images (white label, DESIGN.md "Instance"). */
@Injectable()
export class BrandsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly fast: FastQuery,
  ) {}

  /** Every brand with its hosts: the default first, then by name (a handful of rows: the catalogue caches them). */
  async all(): Promise<BrandSettings[]> {
    const rows = await this.fast.rows<BrandRow>(`${SELECT_BRANDS} ORDER BY b.is_default DESC, b.name, b.id`, []);
    return rows.map(toSettings);
  }

  /** One brand, locked for the edit when `manager` is in a transaction. */
  async findForUpdate(manager: EntityManager, id: string): Promise<(BrandSettings & { stored: BrandColumns }) | null> {
    const [row]: (BrandRow & { stored: BrandColumns })[] = await manager.query(
      `${SELECT_BRANDS.replace('FROM brands b', `, to_jsonb(b) AS stored FROM brands b`)} WHERE b.id = $1 FOR UPDATE OF b`,
      [id],
    );
    return row ? { ...toSettings(row), stored: row.stored } : null;
  }

  async findDefaultId(manager: EntityManager = this.dataSource.manager): Promise<string> {
    const [row]: { id: string }[] = await manager.query(`SELECT id FROM brands WHERE is_default`);
    return row.id;
  }

  async insert(manager: EntityManager, id: string, columns: BrandColumns): Promise<void> {
    const names = ['id', ...COLUMNS].join(', ');
    const params = ['$1', ...COLUMNS.map((_, i) => `$${i + 2}`)].join(', ');
    await manager.query(`INSERT INTO brands (${names}) VALUES (${params})`, [id, ...valuesOf(columns)]);
  }

  async update(manager: EntityManager, id: string, columns: BrandColumns): Promise<void> {
    const sets = COLUMNS.map((column, i) => `${column} = $${i + 2}`).join(', ');
    await manager.query(`UPDATE brands SET ${sets}, updated_at = now() WHERE id = $1`, [id, ...valuesOf(columns)]);
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM brands WHERE id = $1 AND NOT is_default`, [id]);
  }

  /** The host names bound to the brand become exactly `hosts` (one bound elsewhere violates brand_hosts_pkey). */
  async replaceHosts(manager: EntityManager, id: string, hosts: string[]): Promise<void> {
    await manager.query(`DELETE FROM brand_hosts WHERE brand_id = $1`, [id]);
    await manager.query(`INSERT INTO brand_hosts (host, brand_id) SELECT unnest($2::text[]), $1`, [id, hosts]);
  }

  /** Which of `hosts` another brand holds. */
  async hostsTakenElsewhere(manager: EntityManager, id: string | null, hosts: string[]): Promise<string[]> {
    const rows: { host: string }[] = await manager.query(
      `SELECT host FROM brand_hosts WHERE host = ANY($1::text[]) AND ($2::uuid IS NULL OR brand_id <> $2) ORDER BY host`,
      [hosts, id],
    );
    return rows.map((row) => row.host);
  }

  async organisationBrandOf(manager: EntityManager, organisationId: string): Promise<string | null> {
    const [row]: { id: string }[] = await manager.query(`SELECT id FROM brands WHERE organisation_id = $1`, [
      organisationId,
    ]);
    return row?.id ?? null;
  }

  async organisationExists(manager: EntityManager, organisationId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM organisations WHERE id = $1`, [organisationId]);
    return rows.length > 0;
  }

  async insertImages(manager: EntityManager, images: { id: string; width: number; height: number; bytes: Buffer }[]) {
    for (const image of images) {
      await manager.query(
        `INSERT INTO brand_images (id, width, height, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`,
        [image.id, image.width, image.height, image.bytes],
      );
    }
  }

  /**
   * Images no brand shows any more, once a day old: pages and e-mails already out keep their image a while
   * (their URLs are immutable, so nothing else refers to them).
   */
  async dropUnusedImages(manager: EntityManager): Promise<void> {
    await manager.query(
      `DELETE FROM brand_images i
        WHERE i.created_at < now() - interval '1 day'
          AND NOT EXISTS (SELECT 1 FROM brands b, jsonb_each_text(coalesce(b.logo, '{}') || coalesce(b.favicon, '{}')) v
                           WHERE v.value = i.id)`,
    );
  }

  async image(id: string): Promise<Buffer | null> {
    const [row] = await this.fast.rows<{ bytes: Buffer }>(`SELECT bytes FROM brand_images WHERE id = $1`, [id]);
    return row?.bytes ?? null;
  }
}
