import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { SphereFacts } from '@alveole/access';
import { FastQuery } from '@alveole/core';
import type { NotificationLevel } from './notification-kinds';

export interface SpherePreference {
  sphereId: string;
  level: NotificationLevel;
  /** The sphere's default, which applies while `inherited` (no choice of the member's own). */
  sphereDefault: NotificationLevel;
  inherited: boolean;
}

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

const SPHERE_FACTS = `SELECT id, organisation_id AS "organisationId", path, visibility, archived_at IS NOT NULL AS archived,
                             notification_level AS level
                        FROM spheres WHERE id = $1`;

/** What people chose to hear (per sphere) and how (per person), and each sphere's default. */
@Injectable()
export class PreferencesRepository {
  constructor(private readonly db: FastQuery) {}

  /** The sphere as the access gate judges it, with its default level; locked when a manager is given. */
  async sphere(
    sphereId: string,
    manager?: EntityManager,
  ): Promise<(SphereFacts & { level: NotificationLevel }) | null> {
    const [row] = manager
      ? await manager.query(`${SPHERE_FACTS} FOR UPDATE`, [sphereId])
      : await this.db.rows<SphereFacts & { level: NotificationLevel }>(SPHERE_FACTS, [sphereId]);
    return row ?? null;
  }

  async setSphereDefault(sphereId: string, level: NotificationLevel, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE spheres SET notification_level = $2, updated_at = now() WHERE id = $1`, [
      sphereId,
      level,
    ]);
  }

  async preference(userId: string, sphereId: string): Promise<SpherePreference> {
    const [row] = await this.db.rows<SpherePreference>(
      `SELECT s.id AS "sphereId", coalesce(p.level, s.notification_level) AS level,
              s.notification_level AS "sphereDefault", p.level IS NULL AS inherited
         FROM spheres s LEFT JOIN notification_preferences p ON p.sphere_id = s.id AND p.user_id = $1
        WHERE s.id = $2`,
      [userId, sphereId],
    );
    return row;
  }

  /** `null` returns to the sphere's default. */
  async putPreference(userId: string, sphereId: string, level: NotificationLevel | null): Promise<void> {
    if (level === null) {
      await this.db.rows(`DELETE FROM notification_preferences WHERE user_id = $1 AND sphere_id = $2`, [
        userId,
        sphereId,
      ]);
      return;
    }
    await this.db.rows(
      `INSERT INTO notification_preferences (user_id, sphere_id, level) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, sphere_id) DO UPDATE SET level = excluded.level, updated_at = now()`,
      [userId, sphereId, level],
    );
  }

  async settings(userId: string): Promise<NotificationSettings> {
    const [row] = await this.db.rows<NotificationSettings>(
      `SELECT coalesce(ns.email_enabled, true) AS "emailEnabled", coalesce(ns.time_zone, 'Europe/Paris') AS "timeZone",
              CASE WHEN ns.quiet_start IS NULL THEN NULL
                   ELSE json_build_object('start', left(ns.quiet_start::text, 5), 'end', left(ns.quiet_end::text, 5))
              END AS "quietHours",
              coalesce(ns.daily_email_cap, 20) AS "dailyEmailCap", ns.email_failed_at IS NOT NULL AS "emailFailing"
         FROM (SELECT $1::uuid AS user_id) me LEFT JOIN notification_settings ns ON ns.user_id = me.user_id`,
      [userId],
    );
    return row;
  }

  /** `clearFailure`: the member turned e-mail on again (they fixed their address). */
  async putSettings(userId: string, settings: NotificationSettings, clearFailure: boolean): Promise<void> {
    await this.db.rows(
      `INSERT INTO notification_settings (user_id, email_enabled, time_zone, quiet_start, quiet_end, daily_email_cap)
       VALUES ($1, $2, $3, $4::time, $5::time, $6)
       ON CONFLICT (user_id) DO UPDATE SET
         email_enabled = excluded.email_enabled, time_zone = excluded.time_zone, quiet_start = excluded.quiet_start,
         quiet_end = excluded.quiet_end, daily_email_cap = excluded.daily_email_cap, updated_at = now(),
         email_failed_at = CASE WHEN $7::boolean THEN NULL ELSE notification_settings.email_failed_at END`,
      [
        userId,
        settings.emailEnabled,
        settings.timeZone,
        settings.quietHours?.start ?? null,
        settings.quietHours?.end ?? null,
        settings.dailyEmailCap,
        clearFailure,
      ],
    );
  }

  /** The digests compute local days in PostgreSQL: a zone must be one it knows. */
  async knownTimeZone(name: string): Promise<boolean> {
    return (await this.db.rows(`SELECT 1 FROM pg_timezone_names WHERE name = $1`, [name])).length > 0;
  }
}
