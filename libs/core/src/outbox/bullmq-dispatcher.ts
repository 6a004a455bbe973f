import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { RedisConnections } from '../redis/redis-connections';
import { ClaimedJob, JobDispatcher } from './job-dispatcher';
import { JobName, queueOf } from './job-names';

/** With Redis: outbox rows become BullMQ jobs whose jobId is the outbox id (adding twice is a no-op). */
@Injectable()
export class BullmqDispatcher implements JobDispatcher, OnApplicationShutdown {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly redis: RedisConnections) {}

  async dispatch(job: ClaimedJob): Promise<void> {
    await this.queue(queueOf(job.job_name as JobName)).add(
      job.job_name,
      { outboxId: job.id, payload: job.payload },
      {
        jobId: job.id,
        attempts: 8,
        backoff: { type: 'exponential', delay: 1000 },
        // kept a day so a re-dispatch of the same outbox row is deduplicated by jobId
        removeOnComplete: { age: 24 * 3600, count: 100_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
  }

  queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.redis.create(`queue-${name}`, { failFast: true }),
        prefix: this.redis.prefix,
      });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
  }
}
