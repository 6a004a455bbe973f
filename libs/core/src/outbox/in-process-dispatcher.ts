import { Injectable } from '@nestjs/common';
import { ClaimedJob, JobDispatcher } from './job-dispatcher';
import { JobRunner } from './job-runner';

/** Embedded mode (no Redis): the relay runs the handler itself; the outbox keeps it durable. */
@Injectable()
export class InProcessDispatcher implements JobDispatcher {
  constructor(private readonly runner: JobRunner) {}

  async dispatch(job: ClaimedJob): Promise<void> {
    await this.runner.run(job.job_name, job.id, job.payload);
  }
}
