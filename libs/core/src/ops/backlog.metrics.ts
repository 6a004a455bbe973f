import { Injectable, OnModuleInit } from '@nestjs/common';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { BullmqDispatcher } from '../outbox/bullmq-dispatcher';
import { RedisConnections } from '../redis/redis-connections';
import { MetricsService } from './metrics.service';

/** Outbox backlog (rows not yet relayed) and BullMQ queue depth, read at scrape time. */
@Injectable()
export class BacklogMetrics implements OnModuleInit {
  private client?: IORedis;

  constructor(
    private readonly metrics: MetricsService,
    private readonly dataSource: DataSource,
    private readonly redis: RedisConnections,
    private readonly queues: BullmqDispatcher,
  ) {}

  onModuleInit(): void {
    this.metrics.gauge('outbox_backlog', 'Outbox rows waiting to be relayed', [], async (gauge) => {
      // served by outbox_pending_idx (partial index on unsent rows)
      const [row] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`)) as {
        n: number;
      }[];
      gauge.set(row.n);
    });
    if (!this.redis.enabled) return;
    this.metrics.gauge('queue_depth', 'BullMQ jobs by queue and state', ['queue', 'state'], async (gauge) => {
      for (const name of await this.queueNames()) {
        const counts = await this.queues
          .queue(name)
          .getJobCounts('waiting', 'active', 'delayed', 'failed')
          .catch(() => ({}));
        for (const [state, n] of Object.entries(counts)) gauge.set({ queue: name, state }, n);
      }
    });
  }

  /** The queues that exist, whichever process runs their subscribers: BullMQ keeps a `<queue>:meta` key each. */
  private async queueNames(): Promise<string[]> {
    const prefix = `${this.redis.prefix}:`;
    this.client ??= this.redis.create('metrics', { profile: 'request' });
    const keys: string[] = [];
    try {
      let cursor = '0';
      do {
        const [next, found] = await this.client.scan(cursor, 'MATCH', `${prefix}*:meta`, 'COUNT', 1000);
        keys.push(...found);
        cursor = next;
      } while (cursor !== '0');
    } catch {
      return [];
    }
    return keys.map((key) => key.slice(prefix.length, -':meta'.length)).filter((name) => !name.includes(':'));
  }
}
