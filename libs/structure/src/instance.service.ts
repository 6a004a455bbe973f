import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { FastQuery } from '@alveole/core';

export interface InstanceBrand {
  name: string;
  logoUrl: string | null;
  faviconUrl: string | null;
  colors: { primary: string; secondary: string; background: string; text: string };
  defaultLocale: string;
  charter: string;
  registration: 'open' | 'invitation';
}

/** The white-label brand every page starts from (API.md "Instance"); editing it comes with the admin work. */
@Injectable()
export class InstanceService {
  constructor(private readonly db: FastQuery) {}

  /** The brand and a strong ETag of it, so clients revalidate it for free. */
  async brand(): Promise<{ brand: InstanceBrand; etag: string }> {
    const [brand] = await this.db.rows<InstanceBrand>(
      `SELECT name, logo_url AS "logoUrl", favicon_url AS "faviconUrl", colors, default_locale AS "defaultLocale",
              charter, registration
         FROM instance_settings WHERE id = 1`,
      [],
    );
    const etag = `"${createHash('sha256').update(JSON.stringify(brand)).digest('base64url').slice(0, 27)}"`;
    return { brand, etag };
  }
}
