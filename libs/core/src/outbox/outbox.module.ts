import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AfterCommit } from '../events/after-commit';
import { DomainEvents } from '../events/domain-events';
import { LiveDelivery } from '../events/live-delivery';
import { SubscriberRegistry } from '../events/subscriber-registry';
import { BullmqDispatcher } from './bullmq-dispatcher';
import { InProcessDispatcher } from './in-process-dispatcher';
import { JOB_DISPATCHER } from './job-dispatcher';
import { OutboxRelay } from './outbox-relay';
import { OutboxStatus } from './outbox-status';
import { QueueWorkers } from './queue-workers';
import { SubscriberRunner } from './subscriber-runner';
import { IdempotencyKeys } from '../idempotency/idempotency-keys';

/** Publishing domain events: every process that changes data. */
@Global()
@Module({
  providers: [AfterCommit, DomainEvents, IdempotencyKeys, BullmqDispatcher, OutboxStatus],
  exports: [AfterCommit, DomainEvents, IdempotencyKeys, BullmqDispatcher, OutboxStatus],
})
export class OutboxModule {}

/**
 * Running subscribers. `queue`: the worker relays outbox rows to BullMQ and consumes them.
 * `in-process`: embedded mode (no Redis), the api's relay calls the same subscribers directly.
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
      providers: [LiveDelivery, SubscriberRegistry, SubscriberRunner, OutboxRelay, dispatcher, ...consumers],
      exports: [OutboxRelay, SubscriberRunner],
    };
  }
}
