import { Injectable } from '@nestjs/common';
import { JobContext, JobHandler, JobHandlerOf, JobName, JobPayloads } from '@alveole/core';

/** Records account security events (sign-up, refresh-token reuse, login lock) for the account's history. */
@Injectable()
@JobHandler(JobName.SecurityEvent)
export class SecurityEventsHandler implements JobHandlerOf<JobName.SecurityEvent> {
  async handle(event: JobPayloads[JobName.SecurityEvent], { outboxId, manager }: JobContext): Promise<void> {
    await manager.query(
      `INSERT INTO security_events (id, user_id, kind, ip, occurred_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
      [outboxId, event.userId, event.kind, event.ip, event.occurredAt],
    );
  }
}
