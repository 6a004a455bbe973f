import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, deleteInBatches, FastQuery, RetentionTask, retentionCutoff } from '@alveole/core';

/** Security events older than SECURITY_EVENT_RETENTION_DAYS go (security_events_occurred_idx). */
@Injectable()
export class SecurityEventRetention implements RetentionTask {
  readonly name = 'security_events';

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: FastQuery,
  ) {}

  purge(now: Date): Promise<number> {
    const cutoff = retentionCutoff(now, this.config.retention.securityEventDays);
    return deleteInBatches(this.db, 'security_events', 'occurred_at < $1', cutoff);
  }
}
