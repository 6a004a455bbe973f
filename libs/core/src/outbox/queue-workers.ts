import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RedisConnections } from '../redis/redis-connections';
import { JobName, queueOf } from './job-names';
import { JobRunner } from './job-runner';

interface QueuedJob {
  outboxId: string;
  payload: unknown;
}

/** BullMQ consumers, one per queue; closing waits for the jobs in hand to finish. */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(QueueWorkers.name);
  private readonly workers: Worker[] = [];

  constructor(
    private readonly runner: JobRunner,
    private readonly redis: RedisConnections,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const queues = new Set(Object.values(JobName).map(queueOf));
    for (const name of queues) {
      const worker = new Worker<QueuedJob>(name, (job) => this.process(job), {
        connection: this.redis.create(`worker-${name}`),
        prefix: this.redis.prefix,
        concurrency: this.config.workerConcurrency,
      });
      worker.on('failed', (job, error) => this.logger.warn(`job ${job?.name} ${job?.id} failed: ${error.message}`));
      worker.on('error', (error) => this.logger.warn(`queue ${name}: ${error.message}`));
      this.workers.push(worker);
    }
  }

  private async process(job: Job<QueuedJob>): Promise<string> {
    return this.runner.run(job.name, job.data.outboxId, job.data.payload);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
