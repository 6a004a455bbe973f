import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Subscriber } from '../events/subscriber-registry';
import { RedisConnections } from '../redis/redis-connections';
import { ClaimedEvent, JobDispatcher, QueuedEvent } from './job-dispatcher';

/**
 * With Redis: each subscriber's run of an event becomes a BullMQ job on its context's queue, whose
 * jobId is `<outbox id>.<subscriber>` (adding it twice is a no-op).
 */
@Injectable()
export class BullmqDispatcher implements JobDispatcher, OnApplicationShutdown {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly redis: RedisConnections) {}

  async dispatch(event: ClaimedEvent, subscriber: Subscriber): Promise<void> {
    const { attempts: _attempts, ...stored } = event;
    const data: QueuedEvent = { subscriber: subscriber.id, event: stored };
    await this.queue(subscriber.queue).add(event.name, data, {
      jobId: `${event.id}.${subscriber.id}`,
      attempts: 8,
      backoff: { type: 'exponential', delay: 1000 },
      // kept a day so a re-dispatch of the same outbox row is deduplicated by jobId
      removeOnComplete: { age: 24 * 3600, count: 100_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
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
