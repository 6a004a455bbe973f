import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { SubscriberRegistry } from '../events/subscriber-registry';
import { RedisConnections } from '../redis/redis-connections';
import { QueuedEvent } from './job-dispatcher';
import { SubscriberRunner } from './subscriber-runner';

/** BullMQ consumers, one per context's queue; closing waits for the jobs in hand to finish. */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(QueueWorkers.name);
  private readonly workers: Worker[] = [];

  constructor(
    private readonly runner: SubscriberRunner,
    private readonly registry: SubscriberRegistry,
    private readonly redis: RedisConnections,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    for (const name of this.registry.queues()) {
      const worker = new Worker<QueuedEvent>(name, (job) => this.process(job), {
        connection: this.redis.create(`worker-${name}`),
        prefix: this.redis.prefix,
        concurrency: this.config.workerConcurrency,
        // a job whose worker died (SIGKILL, OOM) goes back to the queue once its lock lapses
        lockDuration: this.config.workerLeaseSeconds * 1000,
        stalledInterval: this.config.workerLeaseSeconds * 1000,
      });
      worker.on('failed', (job, error) => this.logger.warn(`job ${job?.name} ${job?.id} failed: ${error.message}`));
      worker.on('error', (error) => this.logger.warn(`queue ${name}: ${error.message}`));
      this.workers.push(worker);
    }
  }

  private process(job: Job<QueuedEvent>): Promise<string> {
    return this.runner.run(job.data.subscriber, job.data.event);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
