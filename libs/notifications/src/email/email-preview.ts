import { Injectable } from '@nestjs/common';
import { BrandCatalog, BrandColors, BrandErrors, BrandsService, LegalLinks } from '@alveole/structure';
import type { NotificationView } from '../notifications.repository';
import { EmailBranding } from './email-branding';
import { mailLocale } from './email-messages';
import { ComposedEmail, composeEmail } from './email-templates';

export interface EmailPreviewRequest {
  brandId?: string;
  locale?: 'fr' | 'en';
  /** Unsaved edits from the brand editor, drawn over the stored brand. */
  draft?: { name?: string; colors?: Partial<BrandColors>; legal?: Partial<LegalLinks>; poweredBy?: boolean };
}

const SAMPLE = {
  fr: { sphere: 'Groupe local de Lyon', actor: 'Camille Martin', excerpt: 'La collecte de samedi est avancée à 9 h.', you: 'Alex' },
  en: { sphere: 'Lyon local group', actor: 'Camille Martin', excerpt: 'Saturday’s collection now starts at 9 am.', you: 'Alex' },
}; // prettier-ignore

/** A sample notification e-mail rendered by the real template, so the brand editor previews what members get. */
@Injectable()
export class EmailPreview {
  constructor(
    private readonly catalog: BrandCatalog,
    private readonly brands: BrandsService,
    private readonly branding: EmailBranding,
  ) {}

  async render(request: EmailPreviewRequest): Promise<ComposedEmail> {
    const brandId = request.brandId ?? (await this.brands.defaultId());
    const served = await this.catalog.byId(brandId);
    if (!served) throw BrandErrors.notFound();
    const look = this.branding.lookOf(served.settings);
    const draft = request.draft ?? {};
    const locale = mailLocale(request.locale ?? served.settings.defaultLocale);
    const sample = SAMPLE[locale];
    const item: NotificationView = {
      id: '00000000-0000-7000-8000-000000000000',
      kind: 'post',
      organisationId: served.settings.organisationId,
      sphereId: '00000000-0000-7000-8000-000000000001',
      sphereName: sample.sphere,
      subjectType: 'post',
      subjectId: null,
      actorId: null,
      actorName: sample.actor,
      excerpt: sample.excerpt,
      createdAt: new Date(),
      readAt: null,
    };
    return composeEmail({
      kind: 'immediate',
      recipient: { displayName: sample.you, locale },
      items: [item],
      brand: {
        ...look.brand,
        name: draft.name ?? look.brand.name,
        colors: { ...look.brand.colors, ...draft.colors },
        legal: { ...look.brand.legal!, ...draft.legal },
        poweredBy: draft.poweredBy ?? look.brand.poweredBy,
      },
      publicUrl: look.publicUrl,
      unsubscribeUrl: () => `${look.publicUrl}/me`,
    });
  }
}
