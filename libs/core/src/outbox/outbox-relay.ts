import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { rowsOf } from '../database/rows-of';
import { SubscriberRegistry } from '../events/subscriber-registry';
import { ClaimedEvent, DispatcherUnavailable, JOB_DISPATCHER, JobDispatcher } from './job-dispatcher';

const BATCH = 100;
const MAX_ATTEMPTS = 25;

interface Sent {
  sent: string[];
  unavailable?: DispatcherUnavailable;
}

/**
 * Moves committed outbox rows (domain events) to the dispatcher, once per subscriber that this
 * process knows (the worker, or the api without Redis: both compose every context's subscribers). Rows are leased (claimed_until) in a short
 * statement with SKIP LOCKED so several relays can run; a row is marked sent only after the
 * dispatcher accepted it. An event whose dispatch fails is retried with capped exponential backoff and
 * given up after MAX_ATTEMPTS; while the dispatcher itself is unreachable (Redis down), rows are
 * handed back uncounted and retried at the next pass, so an outage of any length loses nothing and
 * delays nothing beyond its end.
 * Woken by LISTEN outbox_ready on PostgreSQL, with polling as the fallback.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private listener?: Client;
  private draining?: Promise<void>;
  private again = false;
  private stopped = false;
  private queueDown = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(JOB_DISPATCHER) private readonly dispatcher: JobDispatcher,
    private readonly registry: SubscriberRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const pollMs = this.config.databaseUrl ? this.config.outboxPollMs : Math.min(this.config.outboxPollMs, 250);
    this.timer = setInterval(() => this.kick(), pollMs);
    // LISTEN holds a session: on PostgreSQL itself, not through a pooler in transaction mode
    if (this.config.databaseDirectUrl) void this.listen(this.config.databaseDirectUrl);
    void this.kick();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.listener?.end().catch(() => undefined);
    await this.draining;
  }

  /** Drain now; coalesces calls made while a drain is running into one more pass. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = this.drain()
      .catch((error: unknown) => this.logger.warn(`outbox drain failed: ${String(error)}`))
      .finally(() => {
        this.draining = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          void this.kick();
        }
      });
    return this.draining;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const jobs = await this.claim();
      if (jobs.length === 0) return;
      const { sent, unavailable } = (await this.sendTogether(jobs)) ?? (await this.sendOneByOne(jobs));
      if (sent.length > 0) {
        await this.dataSource.query(
          `UPDATE outbox SET sent_at = now(), claimed_until = NULL, last_error = NULL WHERE id = ANY($1::uuid[])`,
          [sent],
        );
      }
      if (unavailable || sent.length < jobs.length || this.stopped) return;
    }
  }

  /**
   * The whole batch in one call where the dispatcher can (BullMQ: one round trip per queue, so a fan-out's
   * chunks start together); undefined where it cannot (in-process: each run is the subscriber itself, and a
   * failing one is postponed alone).
   */
  private async sendTogether(jobs: ClaimedEvent[]): Promise<Sent | undefined> {
    if (!this.dispatcher.dispatchAll) return undefined;
    const runs = jobs.flatMap((event) =>
      this.registry.targetsOf(event.name, event.live !== null).map((subscriber) => ({ event, subscriber })),
    );
    try {
      await this.dispatcher.dispatchAll(runs);
    } catch (error) {
      if (!(error instanceof DispatcherUnavailable)) throw error;
      await this.handBack(jobs, error);
      return { sent: [], unavailable: error };
    }
    this.queueBack();
    return { sent: jobs.map((job) => job.id) };
  }

  private async sendOneByOne(jobs: ClaimedEvent[]): Promise<Sent> {
    const sent: string[] = [];
    for (const [index, event] of jobs.entries()) {
      try {
        for (const subscriber of this.registry.targetsOf(event.name, event.live !== null))
          await this.dispatcher.dispatch(event, subscriber);
        sent.push(event.id);
        this.queueBack();
      } catch (error) {
        if (!(error instanceof DispatcherUnavailable)) {
          await this.postpone(event, error);
          continue;
        }
        await this.handBack(jobs.slice(index), error);
        return { sent, unavailable: error };
      }
    }
    return { sent };
  }

  /** The queue is down: these rows were not at fault; release them as they were before the claim. */
  private async handBack(jobs: ClaimedEvent[], error: DispatcherUnavailable): Promise<void> {
    if (!this.queueDown) this.logger.warn(`${error.message}; ${jobs.length} event(s) wait for it`);
    this.queueDown = true;
    await this.dataSource.query(
      `UPDATE outbox SET claimed_until = NULL, attempts = attempts - 1, last_error = $2 WHERE id = ANY($1::uuid[])`,
      [jobs.map((job) => job.id), error.message.slice(0, 2000)],
    );
  }

  private queueBack(): void {
    if (!this.queueDown) return;
    this.queueDown = false;
    this.logger.log('job queue reachable again: relaying the waiting events');
  }

  private async claim(): Promise<ClaimedEvent[]> {
    const result: unknown = await this.dataSource.query(
      `UPDATE outbox SET claimed_until = now() + make_interval(secs => $2), attempts = attempts + 1
        WHERE id IN (
          SELECT id FROM outbox
           WHERE sent_at IS NULL AND available_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
           ORDER BY available_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, event_name AS name, payload, organisation_id AS "organisationId", live, attempts`,
      [BATCH, 2 * this.config.workerLeaseSeconds],
    );
    return rowsOf<ClaimedEvent>(result).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  private async postpone(job: ClaimedEvent, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const giveUp = job.attempts >= MAX_ATTEMPTS;
    this.logger[giveUp ? 'error' : 'warn'](
      `outbox event ${job.name} ${job.id} attempt ${job.attempts} failed: ${message}`,
    );
    await this.dataSource.query(
      `UPDATE outbox SET claimed_until = NULL, last_error = $2,
              available_at = CASE WHEN $3 THEN 'infinity'::timestamptz ELSE now() + make_interval(secs => least(300, 2 ^ attempts)) END
        WHERE id = $1`,
      [job.id, message.slice(0, 2000), giveUp],
    );
  }

  private async listen(url: string): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: url, application_name: 'alveole-outbox-listener' });
    client.on('notification', () => void this.kick());
    client.on('error', (error) => {
      this.logger.warn(`outbox listener lost: ${error.message}; polling until it reconnects`);
      void client.end().catch(() => undefined);
      setTimeout(() => void this.listen(url), 1000).unref();
    });
    try {
      await client.connect();
      await client.query('LISTEN outbox_ready');
      this.listener = client;
    } catch (error) {
      client.emit('error', error);
    }
  }
}
