import { DynamicModule, Global, Module } from '@nestjs/common';
import { OutboxStatus } from './outbox-status';
import { DiscoveryModule } from '@nestjs/core';
import { BullmqDispatcher } from './bullmq-dispatcher';
import { InProcessDispatcher } from './in-process-dispatcher';
import { JOB_DISPATCHER } from './job-dispatcher';
import { JobRegistry } from './job-registry';
import { JobRunner } from './job-runner';
import { OutboxRelay } from './outbox-relay';
import { OutboxWriter } from './outbox.writer';
import { QueueWorkers } from './queue-workers';

/** Writing jobs: every process that changes data. */
@Global()
@Module({
  providers: [OutboxWriter, BullmqDispatcher, OutboxStatus],
  exports: [OutboxWriter, BullmqDispatcher, OutboxStatus],
})
export class OutboxModule {}

/**
 * Running jobs. `queue`: the worker process relays outbox rows to BullMQ and consumes them.
 * `in-process`: embedded mode (no Redis), the api's relay calls the same handlers directly.
 */
@Module({})
export class JobsRuntimeModule {
  static forMode(mode: 'queue' | 'in-process'): DynamicModule {
    const dispatcher =
      mode === 'queue'
        ? { provide: JOB_DISPATCHER, useExisting: BullmqDispatcher }
        : { provide: JOB_DISPATCHER, useClass: InProcessDispatcher };
    const consumers = mode === 'queue' ? [QueueWorkers] : [];
    return {
      module: JobsRuntimeModule,
      imports: [DiscoveryModule],
      providers: [JobRegistry, JobRunner, OutboxRelay, dispatcher, ...consumers],
      exports: [OutboxRelay, JobRunner],
    };
  }
}
