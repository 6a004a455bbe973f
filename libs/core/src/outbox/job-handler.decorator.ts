import { SetMetadata } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobName, JobPayloads } from './job-names';

export const JOB_HANDLER = Symbol('JOB_HANDLER');

export interface JobContext {
  /** The outbox row id: the idempotency key of this run. */
  outboxId: string;
  /** The transaction in which the run is recorded; write through it so effects and the record commit together. */
  manager: EntityManager;
}

export interface JobHandlerOf<N extends JobName> {
  handle(payload: JobPayloads[N], context: JobContext): Promise<void>;
}

/** Marks a provider as the handler of one job; discovered at start-up by the JobRegistry. */
export const JobHandler = (name: JobName) => SetMetadata(JOB_HANDLER, name);
