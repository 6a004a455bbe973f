import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications.module';
import { NotificationsController } from './notifications.controller';
import { UnsubscribeController } from './unsubscribe.controller';

@Module({
  imports: [NotificationsModule],
  controllers: [NotificationsController, UnsubscribeController],
})
export class NotificationsHttpModule {}
