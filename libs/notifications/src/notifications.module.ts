import { Module } from '@nestjs/common';
import { EmailModule } from './email/email.module';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { PreferencesService } from './preferences.service';
import { SettingsService } from './settings.service';
import { UnsubscribeService } from './unsubscribe.service';

const services = [NotificationsService, PreferencesService, SettingsService, UnsubscribeService];

/** In-app notifications, preferences and settings, and the e-mail channel (DESIGN.md §2 "Notifications"). */
@Module({
  imports: [EmailModule],
  providers: [NotificationsRepository, ...services],
  exports: [...services, EmailModule],
})
export class NotificationsModule {}
