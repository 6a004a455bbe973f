import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { APP_CONFIG, AppConfig } from '@alveole/core';
import { BrandCatalog } from './brand-catalog';

/**
 * LISTEN brands_changed (a trigger on brands and brand_hosts notifies at each commit that touches
 * them, whoever wrote): this node's catalogue is dropped, so an edit made on another node, or by hand
 * in SQL, shows here at the next request. On the embedded database there is one process, whose own
 * writes drop the catalogue directly. While the connection is down the catalogue is dropped at each
 * retry, and it never lives longer than a minute anyway.
 */
@Injectable()
export class BrandChangeListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BrandChangeListener.name);
  private client?: Client;
  private stopped = false;

  constructor(
    private readonly catalog: BrandCatalog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // LISTEN holds a session: on PostgreSQL itself, not through a pooler in transaction mode
    if (this.config.databaseDirectUrl) await this.listen(this.config.databaseDirectUrl);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }

  private async listen(url: string): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: url, application_name: 'alveole-brand-listener' });
    client.on('notification', () => this.catalog.invalidate());
    client.on('error', (error) => {
      if (this.stopped) return;
      this.logger.warn(`brand change listener lost: ${error.message}; reconnecting`);
      this.catalog.invalidate();
      void client.end().catch(() => undefined);
      setTimeout(() => void this.listen(url), 1000).unref();
    });
    try {
      await client.connect();
      await client.query('LISTEN brands_changed');
      this.client = client;
      this.catalog.invalidate(); // what changed while nobody listened
    } catch (error) {
      client.emit('error', error);
    }
  }
}
