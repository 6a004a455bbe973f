import { Module } from '@nestjs/common';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { PreferencesService } from './preferences.service';
import { SettingsService } from './settings.service';

const services = [NotificationsService, PreferencesService, SettingsService];

/** In-app notifications, preferences and settings (DESIGN.md §2 "Notifications"). */
@Module({
  providers: [NotificationsRepository, ...services],
  exports: services,
})
export class NotificationsModule {}
