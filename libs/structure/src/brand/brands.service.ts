import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthContext } from '@alveole/access';
import { AuditWriter } from '@alveole/audit';
import { AppException, newId } from '@alveole/core';
import { mergeColors } from './brand-colors';
import type { RenderedImage } from './brand-images';
import { BrandCatalog, ServedBrand } from './brand-catalog';
import { BrandChanges, BrandSettings, ImageSet } from './brand.model';
import { BrandColumns, BrandsRepository } from './brands.repository';

export const BrandErrors = {
  notFound: () => AppException.notFound('Brand'),
  hostTaken: (hosts: string[]) =>
    AppException.conflict('brand-host-taken', `Another brand already answers on ${hosts.join(', ')}`),
  organisationTaken: () => AppException.conflict('brand-organisation-taken', 'This organisation already has a brand'),
  isDefault: () =>
    AppException.conflict(
      'brand-default',
      'The default brand cannot be deleted, nor bound to hosts or an organisation',
    ),
  hostsRequired: () => AppException.validation([{ field: 'hosts', message: 'hosts must name at least one host name' }]),
  organisationUnknown: () =>
    AppException.validation([{ field: 'organisationId', message: 'organisationId names no organisation' }]),
};

/** Brand edits are rare and touch several rows: one at a time, so the host and organisation checks hold. */
const LOCK = `SELECT pg_advisory_xact_lock(hashtext('structure.brands'))`;

/** Instance admins brand the instance: the default brand, extra brands by host name, their images (audited). */
@Injectable()
export class BrandsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly brands: BrandsRepository,
    private readonly catalog: BrandCatalog,
    private readonly audit: AuditWriter,
  ) {}

  async list(): Promise<BrandSettings[]> {
    return (await this.catalog.all()).map((brand) => brand.settings);
  }

  image(id: string): Promise<Buffer | null> {
    return this.brands.image(id);
  }

  async defaultId(): Promise<string> {
    return (await this.catalog.forHost(undefined)).settings.id;
  }

  /** A new brand: what it does not say is copied from the default brand. */
  async create(auth: AuthContext, changes: BrandChanges): Promise<BrandSettings> {
    if (!changes.hosts?.length) throw BrandErrors.hostsRequired();
    const id = newId();
    await this.write(async (manager) => {
      const base = await this.brands.findForUpdate(manager, await this.brands.findDefaultId(manager));
      // a new brand is not the default's look under another name: its name, not the default's, by default
      const shortName = changes.shortName ?? changes.name?.slice(0, 30) ?? base!.stored.short_name;
      const start = { ...base!.stored, short_name: shortName, logo: null, favicon: null, organisation_id: null };
      const columns = await this.columnsAfter(manager, id, start, changes);
      await this.brands.insert(manager, id, columns);
      await this.brands.replaceHosts(manager, id, changes.hosts!);
      await this.record(manager, auth, 'brand.created', id, undefined, { ...columns, hosts: changes.hosts });
    });
    return this.settingsOf(id);
  }

  async update(auth: AuthContext, id: string, changes: BrandChanges): Promise<BrandSettings> {
    await this.write(async (manager) => {
      const current = await this.findOrThrow(manager, id);
      if (current.isDefault && (changes.hosts?.length || changes.organisationId)) throw BrandErrors.isDefault();
      if (changes.hosts && changes.hosts.length === 0 && !current.isDefault) throw BrandErrors.hostsRequired();
      const columns = await this.columnsAfter(manager, id, current.stored, changes);
      await this.brands.update(manager, id, columns);
      if (changes.hosts && !current.isDefault) await this.brands.replaceHosts(manager, id, changes.hosts);
      await this.record(
        manager,
        auth,
        'brand.updated',
        id,
        { ...current.stored, hosts: current.hosts },
        {
          ...columns,
          hosts: changes.hosts ?? current.hosts,
        },
      );
    });
    return this.settingsOf(id);
  }

  async remove(auth: AuthContext, id: string): Promise<void> {
    await this.write(async (manager) => {
      const current = await this.findOrThrow(manager, id);
      if (current.isDefault) throw BrandErrors.isDefault();
      await this.brands.delete(manager, id);
      await this.record(manager, auth, 'brand.deleted', id, { ...current.stored, hosts: current.hosts }, undefined);
    });
  }

  /** The brand's logo or favicon becomes these re-encoded images (null: removed). */
  async setImages(
    auth: AuthContext,
    id: string,
    kind: 'logo' | 'favicon',
    images: RenderedImage[] | null,
  ): Promise<BrandSettings> {
    await this.write(async (manager) => {
      const current = await this.findOrThrow(manager, id);
      const set: ImageSet | null = images ? Object.fromEntries(images.map((image) => [image.variant, image.id])) : null;
      if (images) await this.brands.insertImages(manager, images);
      await this.brands.update(manager, id, { ...current.stored, [kind]: set });
      await this.brands.dropUnusedImages(manager);
      await this.record(manager, auth, `brand.${kind}_changed`, id, { [kind]: current.stored[kind] }, { [kind]: set });
    });
    return this.settingsOf(id);
  }

  private async write(work: (manager: EntityManager) => Promise<void>): Promise<void> {
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.query(LOCK);
        await work(manager);
      });
    } finally {
      // this node at once; the others through brands_changed
      this.catalog.invalidate();
    }
  }

  private async findOrThrow(manager: EntityManager, id: string) {
    const found = await this.brands.findForUpdate(manager, id);
    if (!found) throw BrandErrors.notFound();
    return found;
  }

  private async settingsOf(id: string): Promise<BrandSettings> {
    const brand: ServedBrand | undefined = await this.catalog.byId(id);
    if (!brand) throw BrandErrors.notFound();
    return brand.settings;
  }

  /** The stored columns with the changes applied and checked (contrast, hosts and organisation free). */
  private async columnsAfter(
    manager: EntityManager,
    id: string,
    stored: BrandColumns,
    changes: BrandChanges,
  ): Promise<BrandColumns> {
    if (changes.hosts?.length) {
      const taken = await this.brands.hostsTakenElsewhere(manager, id, changes.hosts);
      if (taken.length > 0) throw BrandErrors.hostTaken(taken);
    }
    if (changes.organisationId) {
      if (!(await this.brands.organisationExists(manager, changes.organisationId)))
        throw BrandErrors.organisationUnknown();
      const holder = await this.brands.organisationBrandOf(manager, changes.organisationId);
      if (holder && holder !== id) throw BrandErrors.organisationTaken();
    }
    const pick = <T>(value: T | undefined, fallback: T): T => (value === undefined ? fallback : value);
    return {
      ...stored,
      name: pick(changes.name, stored.name),
      short_name: pick(changes.shortName, stored.short_name),
      colors: mergeColors(stored.colors, changes.colors),
      default_locale: pick(changes.defaultLocale, stored.default_locale),
      welcome_text: pick(changes.welcomeText, stored.welcome_text),
      charter: pick(changes.charter, stored.charter),
      terms_url: pick(changes.legal?.termsUrl, stored.terms_url),
      privacy_url: pick(changes.legal?.privacyUrl, stored.privacy_url),
      contact_url: pick(changes.legal?.contactUrl, stored.contact_url),
      email_sender_name: pick(changes.emailSender?.name, stored.email_sender_name),
      email_sender_address: pick(changes.emailSender?.address, stored.email_sender_address),
      registration: pick(changes.registration, stored.registration),
      powered_by: pick(changes.poweredBy, stored.powered_by),
      organisation_id: pick(changes.organisationId, stored.organisation_id),
    };
  }

  private record(
    manager: EntityManager,
    auth: AuthContext,
    action: string,
    id: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    // image bytes stay out of the trail: the sets name the images by hash
    return this.audit.record(manager, {
      organisationId: null,
      actorId: auth.userId,
      action,
      targetType: 'brand',
      targetId: id,
      spherePath: null,
      before,
      after,
    });
  }
}
