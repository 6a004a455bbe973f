import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, deleteInBatches, FastQuery, RetentionTask, retentionCutoff } from '@alveole/core';

/** Notifications read longer ago than READ_NOTIFICATION_RETENTION_DAYS go; unread ones stay (notifications_read_idx). */
@Injectable()
export class NotificationRetention implements RetentionTask {
  readonly name = 'notifications';

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: FastQuery,
  ) {}

  purge(now: Date): Promise<number> {
    const cutoff = retentionCutoff(now, this.config.retention.readNotificationDays);
    return deleteInBatches(this.db, 'notifications', 'read_at IS NOT NULL AND read_at < $1', cutoff);
  }
}
