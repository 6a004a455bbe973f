import { DocumentsJobsModule } from '@alveole/documents';
import { IdentityJobsModule } from '@alveole/identity';
import { ModerationJobsModule } from '@alveole/moderation';
import { NotificationsJobsModule } from '@alveole/notifications';
import { PrivacyJobsModule } from '@alveole/privacy';
import { StructureJobsModule } from '@alveole/structure';

/**
 * Every context's durable subscribers: the worker runs them, and so does the api when there is no
 * Redis (embedded mode). One list, so both processes always know the same subscribers.
 */
export const SUBSCRIBER_MODULES = [
  IdentityJobsModule,
  StructureJobsModule,
  ModerationJobsModule,
  NotificationsJobsModule,
  DocumentsJobsModule,
  PrivacyJobsModule,
];
