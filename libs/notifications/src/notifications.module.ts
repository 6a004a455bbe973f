import { Module } from '@nestjs/common';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { PreferencesRepository } from './preferences.repository';
import { PreferencesService } from './preferences.service';
import { PushSubscriptionsService } from './push/push-subscriptions.service';
import { SettingsService } from './settings.service';
import { SphereDefaultService } from './sphere-default.service';

const services = [
  NotificationsService,
  PreferencesService,
  SettingsService,
  SphereDefaultService,
  PushSubscriptionsService,
];

/** In-app notifications, preferences and settings (DESIGN.md §2 "Notifications"). */
@Module({
  providers: [NotificationsRepository, PreferencesRepository, ...services],
  exports: services,
})
export class NotificationsModule {}
