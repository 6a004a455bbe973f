import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { once } from 'node:events';
import type { Subscriber } from '../events/subscriber-registry';
import { RedisConnections } from '../redis/redis-connections';
import { ClaimedEvent, DispatcherUnavailable, JobDispatcher, QueuedEvent } from './job-dispatcher';

/** A Queue made while Redis is down waits for it forever on its first add: wait this long at most. */
const READY_WITHIN_MS = 2000;

/**
 * With Redis: each subscriber's run of an event becomes a BullMQ job on its context's queue, whose
 * jobId is `<outbox id>.<subscriber>` (adding it twice is a no-op). Any failure is reported within
 * seconds as DispatcherUnavailable: the relay never waits on a stopped Redis.
 */
@Injectable()
export class BullmqDispatcher implements JobDispatcher, OnApplicationShutdown {
  private readonly queues = new Map<string, { queue: Queue; connection: IORedis }>();

  constructor(private readonly redis: RedisConnections) {}

  async dispatch(event: ClaimedEvent, subscriber: Subscriber): Promise<void> {
    const { attempts: _attempts, ...stored } = event;
    const data: QueuedEvent = { subscriber: subscriber.id, event: stored };
    const { queue, connection } = this.open(subscriber.queue);
    try {
      if (connection.status !== 'ready')
        await once(connection, 'ready', { signal: AbortSignal.timeout(READY_WITHIN_MS) });
      await queue.add(event.name, data, {
        jobId: `${event.id}.${subscriber.id}`,
        attempts: 8,
        backoff: { type: 'exponential', delay: 1000 },
        // kept a day so a re-dispatch of the same outbox row is deduplicated by jobId
        removeOnComplete: { age: 24 * 3600, count: 100_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      });
    } catch (error) {
      // the payload is stored JSON and the jobId idempotent: a failing add is Redis failing
      throw new DispatcherUnavailable(connection.status === 'ready' ? error : `Redis ${connection.status}`);
    }
  }

  queue(name: string): Queue {
    return this.open(name).queue;
  }

  private open(name: string): { queue: Queue; connection: IORedis } {
    let opened = this.queues.get(name);
    if (!opened) {
      const connection = this.redis.create(`queue-${name}`, { failFast: true });
      const queue = new Queue(name, { connection, prefix: this.redis.prefix });
      queue.on('error', () => undefined);
      opened = { queue, connection };
      this.queues.set(name, opened);
    }
    return opened;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map(({ queue }) => queue.close().catch(() => undefined)));
  }
}
