import { Injectable } from '@nestjs/common';
import { AuthContext } from '@alveole/access';
import { AppException } from '@alveole/core';
import { NotificationSettings, PreferencesRepository } from './preferences.repository';

export type SettingsChange = Partial<Omit<NotificationSettings, 'emailFailing'>>;

/** How each person is reached: e-mail on or off, quiet hours, time zone, daily cap. */
@Injectable()
export class SettingsService {
  constructor(private readonly repository: PreferencesRepository) {}

  get(auth: AuthContext): Promise<NotificationSettings> {
    return this.repository.settings(auth.userId);
  }

  /** Changes what is given; turning e-mail on again clears a failing address's mark (the member fixed it). */
  async put(auth: AuthContext, change: SettingsChange): Promise<NotificationSettings> {
    if (change.timeZone !== undefined && !(await this.repository.knownTimeZone(change.timeZone)))
      throw AppException.validation([{ field: 'timeZone', message: 'timeZone must be an IANA time zone' }]);
    // what is absent stays (a DTO instance may carry absent fields as undefined)
    const given = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
    const next: NotificationSettings = { ...(await this.get(auth)), ...given };
    await this.repository.putSettings(auth.userId, next, change.emailEnabled === true);
    return this.get(auth);
  }
}
