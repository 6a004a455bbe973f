import { Injectable } from '@nestjs/common';
import type { Subscriber } from '../events/subscriber-registry';
import { ClaimedEvent, JobDispatcher } from './job-dispatcher';
import { SubscriberRunner } from './subscriber-runner';

/** Embedded mode (no Redis): the relay runs the subscriber itself; the outbox keeps it durable. */
@Injectable()
export class InProcessDispatcher implements JobDispatcher {
  constructor(private readonly runner: SubscriberRunner) {}

  async dispatch(event: ClaimedEvent, subscriber: Subscriber): Promise<void> {
    await this.runner.run(subscriber.id, event);
  }
}
