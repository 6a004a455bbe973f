import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { BrandSettings, PublicBrand } from './brand.model';
import { BrandsRepository } from './brands.repository';

/** A brand as the api serves it: the public JSON written once, with its strong ETag. */
export interface ServedBrand {
  settings: BrandSettings;
  publicBrand: PublicBrand;
  json: string;
  etag: string;
}

interface Snapshot {
  defaultBrand: ServedBrand;
  byHost: Map<string, ServedBrand>;
  byId: Map<string, ServedBrand>;
  byOrganisation: Map<string, ServedBrand>;
  loadedAt: number;
}

/** Even with the change notifications lost (a listener reconnecting), no node serves a brand older than this. */
const MAX_AGE_MS = 60_000;

function serve(settings: BrandSettings): ServedBrand {
  const { isDefault: _d, hosts: _h, organisationId: _o, emailSender: _e, updatedAt: _u, ...publicBrand } = settings;
  const json = JSON.stringify(publicBrand);
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  return { settings, publicBrand, json, etag };
}

/**
 * Every brand in memory, by host name, id and organisation: GET /instance and each served page read
 * it without a query. Writes through BrandsService drop it at once on their node; the `brands_changed`
 * notification (BrandChangeListener) drops it on the others; it is re-read at the next use.
 */
@Injectable()
export class BrandCatalog {
  private snapshot?: Snapshot;
  private loading?: Promise<Snapshot>;
  /** Bumped by each invalidation: a load that began before it does not become the snapshot. */
  private generation = 0;

  constructor(private readonly brands: BrandsRepository) {}

  /** The brand of a host name (lower case, no port), or the default brand. */
  async forHost(host: string | undefined): Promise<ServedBrand> {
    const snapshot = this.fresh() ?? (await this.load());
    return (host && snapshot.byHost.get(host)) || snapshot.defaultBrand;
  }

  /** The same without waiting, when the catalogue is loaded (the hot path); undefined otherwise. */
  cachedForHost(host: string | undefined): ServedBrand | undefined {
    const snapshot = this.fresh();
    if (!snapshot) return undefined;
    return (host && snapshot.byHost.get(host)) || snapshot.defaultBrand;
  }

  async forOrganisation(organisationId: string | null): Promise<ServedBrand> {
    const snapshot = this.fresh() ?? (await this.load());
    return (organisationId && snapshot.byOrganisation.get(organisationId)) || snapshot.defaultBrand;
  }

  async byId(id: string): Promise<ServedBrand | undefined> {
    return (this.fresh() ?? (await this.load())).byId.get(id);
  }

  async all(): Promise<ServedBrand[]> {
    return [...(this.fresh() ?? (await this.load())).byId.values()];
  }

  invalidate(): void {
    this.generation += 1;
    this.snapshot = undefined;
    this.loading = undefined;
  }

  private fresh(): Snapshot | undefined {
    const snapshot = this.snapshot;
    return snapshot && Date.now() - snapshot.loadedAt < MAX_AGE_MS ? snapshot : undefined;
  }

  private load(): Promise<Snapshot> {
    if (this.loading) return this.loading;
    const generation = this.generation;
    const loading = this.brands.all().then((settings) => {
      const served = settings.map(serve);
      const snapshot: Snapshot = {
        defaultBrand: served.find((brand) => brand.settings.isDefault) ?? served[0],
        byHost: new Map(served.flatMap((brand) => brand.settings.hosts.map((host) => [host, brand] as const))),
        byId: new Map(served.map((brand) => [brand.settings.id, brand])),
        byOrganisation: new Map(
          served.flatMap((brand) =>
            brand.settings.organisationId ? [[brand.settings.organisationId, brand] as const] : [],
          ),
        ),
        loadedAt: Date.now(),
      };
      if (generation === this.generation) this.snapshot = snapshot;
      return snapshot;
    });
    this.loading = loading;
    // a failed load is not kept: the next request tries again
    loading.then(
      () => this.loading === loading && (this.loading = undefined),
      () => this.loading === loading && (this.loading = undefined),
    );
    return loading;
  }
}
