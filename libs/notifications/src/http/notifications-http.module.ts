import { Module } from '@nestjs/common';
import { StructureModule } from '@alveole/structure';
import { EmailPreview } from '../email/email-preview';
import { NotificationsModule } from '../notifications.module';
import { PushController } from '../push/push.controller';
import { EmailPreviewController } from './email-preview.controller';
import { NotificationsController } from './notifications.controller';
import { UnsubscribeController } from './unsubscribe.controller';

@Module({
  imports: [NotificationsModule, StructureModule],
  providers: [EmailPreview],
  controllers: [NotificationsController, PushController, UnsubscribeController, EmailPreviewController],
})
export class NotificationsHttpModule {}
