import { Injectable } from '@nestjs/common';
import { AuthContext } from '@alveole/access';
import { AppException, FastQuery } from '@alveole/core';

/** Per person: e-mail on or off, quiet hours in their time zone, a daily e-mail cap. */
export interface NotificationSettings {
  emailEnabled: boolean;
  timeZone: string;
  /** Local `HH:MM` times; may wrap past midnight (22:00–07:00). */
  quietHours: { start: string; end: string } | null;
  dailyEmailCap: number;
  /** The address failed permanently: nothing goes to it until e-mail is turned on again. */
  emailFailing: boolean;
}

export type SettingsChange = Partial<Omit<NotificationSettings, 'emailFailing'>>;

const SELECT = `
  SELECT coalesce(ns.email_enabled, true) AS "emailEnabled", coalesce(ns.time_zone, 'Europe/Paris') AS "timeZone",
         CASE WHEN ns.quiet_start IS NULL THEN NULL
              ELSE json_build_object('start', left(ns.quiet_start::text, 5), 'end', left(ns.quiet_end::text, 5))
         END AS "quietHours",
         coalesce(ns.daily_email_cap, 20) AS "dailyEmailCap", ns.email_failed_at IS NOT NULL AS "emailFailing"
    FROM (SELECT $1::uuid AS user_id) me LEFT JOIN notification_settings ns ON ns.user_id = me.user_id`;

@Injectable()
export class SettingsService {
  constructor(private readonly db: FastQuery) {}

  async get(auth: AuthContext): Promise<NotificationSettings> {
    const [row] = await this.db.rows<NotificationSettings>(SELECT, [auth.userId]);
    return row;
  }

  /** Changes what is given; turning e-mail on again clears a failing address's mark (the member fixed it). */
  async put(auth: AuthContext, change: SettingsChange): Promise<NotificationSettings> {
    if (change.timeZone !== undefined) {
      // the digests compute local days in PostgreSQL: the zone must be one it knows
      const known = await this.db.rows(`SELECT 1 FROM pg_timezone_names WHERE name = $1`, [change.timeZone]);
      if (known.length === 0)
        throw AppException.validation([{ field: 'timeZone', message: 'timeZone must be an IANA time zone' }]);
    }
    const current = await this.get(auth);
    // what is absent stays (a DTO instance may carry absent fields as undefined)
    const given = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
    const next: NotificationSettings = { ...current, ...given };
    await this.db.rows(
      `INSERT INTO notification_settings (user_id, email_enabled, time_zone, quiet_start, quiet_end, daily_email_cap)
       VALUES ($1, $2, $3, $4::time, $5::time, $6)
       ON CONFLICT (user_id) DO UPDATE SET
         email_enabled = excluded.email_enabled, time_zone = excluded.time_zone, quiet_start = excluded.quiet_start,
         quiet_end = excluded.quiet_end, daily_email_cap = excluded.daily_email_cap, updated_at = now(),
         email_failed_at = CASE WHEN $7::boolean THEN NULL ELSE notification_settings.email_failed_at END`,
      [
        auth.userId,
        next.emailEnabled,
        next.timeZone,
        next.quietHours?.start ?? null,
        next.quietHours?.end ?? null,
        next.dailyEmailCap,
        change.emailEnabled === true,
      ],
    );
    return this.get(auth);
  }
}
