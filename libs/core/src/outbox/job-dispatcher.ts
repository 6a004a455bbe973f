export interface ClaimedJob {
  id: string;
  job_name: string;
  payload: unknown;
  attempts: number;
}

/** Where the relay hands claimed outbox rows: BullMQ (with Redis) or the in-process runner. */
export interface JobDispatcher {
  /** Resolves once the job is durably accepted (queued, or run to completion in-process). */
  dispatch(job: ClaimedJob): Promise<void>;
}

export const JOB_DISPATCHER = Symbol('JOB_DISPATCHER');
