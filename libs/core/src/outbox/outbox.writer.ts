import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { newId } from '../database/new-id';
import { JobName, JobPayloads } from './job-names';

export interface OutboxOptions {
  organisationId?: string;
  /** Run no earlier than this (e.g. a reminder a week before a mandate ends). */
  runAt?: Date;
}

/**
 * Writes a job into the outbox through the caller's transaction manager, so the job exists
 * if and only if the change that caused it was committed.
 */
@Injectable()
export class OutboxWriter {
  async add<N extends JobName>(
    manager: EntityManager,
    name: N,
    payload: JobPayloads[N],
    options: OutboxOptions = {},
  ): Promise<string> {
    const id = newId();
    await manager.query(
      `INSERT INTO outbox (id, job_name, payload, organisation_id, available_at) VALUES ($1, $2, $3::jsonb, $4, COALESCE($5, now()))`,
      [id, name, JSON.stringify(payload), options.organisationId ?? null, options.runAt ?? null],
    );
    return id;
  }
}
