import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, deleteInBatches, FastQuery, RetentionTask, retentionCutoff } from '@alveole/core';

/** Audit rows older than AUDIT_RETENTION_DAYS go (audit_log_created_idx). */
@Injectable()
export class AuditRetention implements RetentionTask {
  readonly name = 'audit_log';

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: FastQuery,
  ) {}

  purge(now: Date): Promise<number> {
    const cutoff = retentionCutoff(now, this.config.retention.auditDays);
    return deleteInBatches(this.db, 'audit_log', 'created_at < $1', cutoff);
  }
}
