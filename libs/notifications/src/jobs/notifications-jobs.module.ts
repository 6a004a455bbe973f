import { Module } from '@nestjs/common';
import { ResetLinkMinterModule } from '@alveole/identity';
import { DigestScheduler } from '../email/digest-scheduler';
import { EmailModule } from '../email/email.module';
import { Fanout } from '../fanout';
import { NotificationWriter } from '../notification-writer';
import { SendPush } from '../push/push.subscriber';
import {
  NotifyApprovedPost,
  NotifyComment,
  NotifyImportantPost,
  NotifyMention,
  NotifyNewPost,
  WriteFanoutChunk,
} from './content.subscribers';
import { SendImmediateEmails } from './email.subscribers';
import { SendPasswordResetLink } from './password-reset.subscriber';
import { NotifyCaseEscalated, NotifyModerationOutcome } from './moderation.subscribers';
import {
  NotifyCharterUpdated,
  NotifyJoinRequest,
  NotifyJoinRequestDecided,
  NotifyMandateEnding,
  NotifyRoleGranted,
  NotifyRoleRevoked,
  NotifySphereRequest,
  NotifySphereRequestDecided,
} from './structure.subscribers';

/**
 * The notifications context's subscribers: every event notified becomes rows written set-based
 * (worker, or the api without Redis). It listens to the other contexts' events; none imports it.
 */
@Module({
  imports: [EmailModule, ResetLinkMinterModule],
  providers: [
    SendImmediateEmails,
    DigestScheduler,
    NotificationWriter,
    Fanout,
    NotifyNewPost,
    NotifyApprovedPost,
    NotifyImportantPost,
    WriteFanoutChunk,
    NotifyMention,
    NotifyComment,
    NotifyJoinRequest,
    NotifyJoinRequestDecided,
    NotifySphereRequest,
    NotifySphereRequestDecided,
    NotifyRoleGranted,
    NotifyRoleRevoked,
    NotifyMandateEnding,
    NotifyCharterUpdated,
    NotifyModerationOutcome,
    NotifyCaseEscalated,
    SendPush,
    SendPasswordResetLink,
  ],
})
export class NotificationsJobsModule {}
