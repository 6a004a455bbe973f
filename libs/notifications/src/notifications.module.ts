import { Module } from '@nestjs/common';
import { EmailModule } from './email/email.module';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { PreferencesRepository } from './preferences.repository';
import { PreferencesService } from './preferences.service';
import { PushSubscriptionsService } from './push/push-subscriptions.service';
import { SettingsService } from './settings.service';
import { SphereDefaultService } from './sphere-default.service';
import { UnsubscribeService } from './unsubscribe.service';

const services = [
  NotificationsService,
  PreferencesService,
  SettingsService,
  SphereDefaultService,
  PushSubscriptionsService,
  UnsubscribeService,
];

/** In-app notifications, preferences and settings, and the e-mail channel (DESIGN.md §2 "Notifications"). */
@Module({
  imports: [EmailModule],
  providers: [NotificationsRepository, PreferencesRepository, ...services],
  exports: [...services, EmailModule],
})
export class NotificationsModule {}
