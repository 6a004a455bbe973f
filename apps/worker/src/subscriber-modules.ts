import { AuditRetention } from '@alveole/audit';
import { DeletedContentRetention } from '@alveole/content';
import { RetentionModule } from '@alveole/core';
import { DocumentsJobsModule } from '@alveole/documents';
import { IdentityJobsModule, SecurityEventRetention } from '@alveole/identity';
import { ModerationJobsModule } from '@alveole/moderation';
import { NotificationRetention, NotificationsJobsModule } from '@alveole/notifications';
import { PrivacyJobsModule } from '@alveole/privacy';
import { StructureJobsModule } from '@alveole/structure';

/**
 * Every context's durable subscribers and scheduled work: the worker runs them, and so does the api
 * when there is no Redis (embedded mode). One list, so both processes always know the same subscribers.
 */
export const SUBSCRIBER_MODULES = [
  IdentityJobsModule,
  StructureJobsModule,
  ModerationJobsModule,
  NotificationsJobsModule,
  DocumentsJobsModule,
  PrivacyJobsModule,
  // the daily retention job: each context deletes its own rows past their period
  RetentionModule.withTasks(AuditRetention, SecurityEventRetention, NotificationRetention, DeletedContentRetention),
];
