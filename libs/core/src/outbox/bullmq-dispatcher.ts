import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { once } from 'node:events';
import type { Subscriber } from '../events/subscriber-registry';
import { RedisConnections } from '../redis/redis-connections';
import { ClaimedEvent, DispatcherUnavailable, JobDispatcher, JobRun, QueuedEvent } from './job-dispatcher';

/** A Queue made while Redis is down waits for it forever on its first add: wait this long at most. */
const READY_WITHIN_MS = 2000;

/**
 * With Redis: each subscriber's run of an event becomes a BullMQ job on its context's queue, whose
 * jobId is `<outbox id>.<subscriber>` (adding it twice is a no-op). Any failure is reported within
 * seconds as DispatcherUnavailable: the relay never waits on a stopped Redis.
 */
@Injectable()
export class BullmqDispatcher implements JobDispatcher, OnApplicationShutdown {
  /** One connection per queue for the process's life (ioredis reconnects it by itself). */
  private readonly connections = new Map<string, IORedis>();
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly redis: RedisConnections) {}

  dispatch(event: ClaimedEvent, subscriber: Subscriber): Promise<void> {
    return this.dispatchAll([{ event, subscriber }]);
  }

  /** One `addBulk` per queue (a single round trip each), the queues in parallel. */
  async dispatchAll(runs: readonly JobRun[]): Promise<void> {
    const byQueue = new Map<string, JobRun[]>();
    for (const run of runs) {
      const queued = byQueue.get(run.subscriber.queue);
      if (queued) queued.push(run);
      else byQueue.set(run.subscriber.queue, [run]);
    }
    await Promise.all([...byQueue].map(([name, queued]) => this.add(name, queued)));
  }

  private async add(name: string, runs: JobRun[]): Promise<void> {
    const connection = this.connection(name);
    const queue = this.queue(name);
    if (connection.status !== 'ready') {
      await once(connection, 'ready', { signal: AbortSignal.timeout(READY_WITHIN_MS) }).catch(() => {
        throw new DispatcherUnavailable(`Redis ${connection.status}`);
      });
    }
    try {
      await queue.addBulk(runs.map(({ event, subscriber }) => asJob(event, subscriber)));
    } catch (error) {
      // A Queue whose start (its first commands) met the outage fails every add for good, Redis back or
      // not: the next dispatch gets a new one on the same connection.
      this.discard(name, queue);
      // the payload is stored JSON and the jobId idempotent: a failing add is Redis failing
      throw new DispatcherUnavailable(error);
    }
  }

  queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection(name), prefix: this.redis.prefix });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  private connection(name: string): IORedis {
    let connection = this.connections.get(name);
    if (!connection) {
      connection = this.redis.create(`queue-${name}`, { failFast: true });
      this.connections.set(name, connection);
    }
    return connection;
  }

  private discard(name: string, queue: Queue): void {
    if (this.queues.get(name) === queue) this.queues.delete(name);
    // the connection is shared (passed in): closing the Queue leaves it open
    void queue.close().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close().catch(() => undefined)));
  }
}

/** A subscriber's run of an event as a job whose id is `<outbox id>.<subscriber>`: adding it twice is a no-op. */
function asJob(event: ClaimedEvent, subscriber: Subscriber) {
  const { attempts: _attempts, ...stored } = event;
  const data: QueuedEvent = { subscriber: subscriber.id, event: stored };
  return {
    name: event.name,
    data,
    opts: {
      jobId: `${event.id}.${subscriber.id}`,
      attempts: 8,
      backoff: { type: 'exponential', delay: 1000 },
      // kept a day so a re-dispatch of the same outbox row is deduplicated by jobId
      removeOnComplete: { age: 24 * 3600, count: 100_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  };
}
