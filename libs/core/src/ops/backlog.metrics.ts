import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobName, queueOf } from '../outbox/job-names';
import { BullmqDispatcher } from '../outbox/bullmq-dispatcher';
import { RedisConnections } from '../redis/redis-connections';
import { MetricsService } from './metrics.service';

/** Outbox backlog (rows not yet relayed) and BullMQ queue depth, read at scrape time. */
@Injectable()
export class BacklogMetrics implements OnModuleInit {
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
      for (const name of new Set(Object.values(JobName).map(queueOf))) {
        const counts = await this.queues
          .queue(name)
          .getJobCounts('waiting', 'active', 'delayed', 'failed')
          .catch(() => ({}));
        for (const [state, n] of Object.entries(counts)) gauge.set({ queue: name, state }, n);
      }
    });
  }
}
