import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@alveole/core';
import { BrandCatalog, BrandSettings } from '@alveole/structure';
import type { NotificationView } from '../notifications.repository';
import type { Brand } from './email-templates';

export interface EmailLook {
  brand: Brand;
  /** Where the e-mail's links go: the brand's first host name, else PUBLIC_URL. */
  publicUrl: string;
  from: { name: string; address: string };
}

/**
 * An e-mail wears the brand of its items' organisation when that organisation has one (a digest that
 * spans several organisations wears the instance's): name, logo, colours, legal links, sender and the
 * host name its links point to.
 */
@Injectable()
export class EmailBranding {
  constructor(
    private readonly brands: BrandCatalog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async forItems(items: Pick<NotificationView, 'organisationId'>[]): Promise<EmailLook> {
    const organisations = new Set(items.map((item) => item.organisationId));
    const [only] = organisations;
    const { settings } = await this.brands.forOrganisation(organisations.size === 1 ? only : null);
    return this.lookOf(settings);
  }

  /** The instance's own brand, and its language (for e-mails about an account, not an organisation). */
  async ofInstance(): Promise<{ look: EmailLook; defaultLocale: string }> {
    const { settings } = await this.brands.forOrganisation(null);
    return { look: this.lookOf(settings), defaultLocale: settings.defaultLocale };
  }

  lookOf(settings: BrandSettings): EmailLook {
    const publicUrl = this.urlOf(settings);
    const fallback = parseFrom(this.config.mailFrom);
    return {
      brand: {
        name: settings.name,
        colors: settings.colors,
        logoUrl: settings.logoUrl && `${publicUrl}${settings.logoUrl}`,
        legal: settings.legal,
        poweredBy: settings.poweredBy,
      },
      publicUrl,
      from: {
        name: settings.emailSender.name ?? settings.name,
        address: settings.emailSender.address ?? fallback.address,
      },
    };
  }

  private urlOf(settings: BrandSettings): string {
    const base = this.config.publicUrl.replace(/\/+$/, '');
    if (settings.hosts.length === 0) return base;
    const url = new URL(base);
    url.hostname = settings.hosts[0];
    return url.toString().replace(/\/+$/, '');
  }
}

/** MAIL_FROM as `Name <address>` or a bare address. */
function parseFrom(value: string): { name: string | null; address: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(value);
  return match ? { name: match[1] || null, address: match[2].trim() } : { name: null, address: value.trim() };
}
