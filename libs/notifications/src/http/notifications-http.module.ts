import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications.module';
import { PushController } from '../push/push.controller';
import { NotificationsController } from './notifications.controller';
import { UnsubscribeController } from './unsubscribe.controller';

@Module({
  imports: [NotificationsModule],
  controllers: [NotificationsController, PushController, UnsubscribeController],
})
export class NotificationsHttpModule {}
