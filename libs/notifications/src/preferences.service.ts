import { Injectable } from '@nestjs/common';
import { AccessGate, AuthContext, sphereSubject, SphereFacts } from '@alveole/access';
import { FastQuery } from '@alveole/core';
import type { NotificationLevel } from './notification-kinds';
import { notificationPreferenceSubject } from './notifications.rules';

export interface SpherePreference {
  sphereId: string;
  level: NotificationLevel;
  /** The sphere's default, which applies while `inherited` (no choice of the member's own). */
  sphereDefault: NotificationLevel;
  inherited: boolean;
}

/** A member's level per sphere: what they hear of its new posts, and how (DESIGN.md §2 "Notifications"). */
@Injectable()
export class PreferencesService {
  constructor(
    private readonly db: FastQuery,
    private readonly gate: AccessGate,
  ) {}

  async get(auth: AuthContext, sphereId: string): Promise<SpherePreference> {
    await this.allowed(auth, sphereId, 'read');
    return this.read(auth.userId, sphereId);
  }

  /** `null` returns to the sphere's default. */
  async put(auth: AuthContext, sphereId: string, level: NotificationLevel | null): Promise<SpherePreference> {
    await this.allowed(auth, sphereId, 'update');
    if (level === null) {
      await this.db.rows(`DELETE FROM notification_preferences WHERE user_id = $1 AND sphere_id = $2`, [
        auth.userId,
        sphereId,
      ]);
    } else {
      await this.db.rows(
        `INSERT INTO notification_preferences (user_id, sphere_id, level) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, sphere_id) DO UPDATE SET level = excluded.level, updated_at = now()`,
        [auth.userId, sphereId, level],
      );
    }
    return this.read(auth.userId, sphereId);
  }

  private async read(userId: string, sphereId: string): Promise<SpherePreference> {
    const [row] = await this.db.rows<SpherePreference>(
      `SELECT s.id AS "sphereId", coalesce(p.level, s.notification_level) AS level,
              s.notification_level AS "sphereDefault", p.level IS NULL AS inherited
         FROM spheres s LEFT JOIN notification_preferences p ON p.sphere_id = s.id AND p.user_id = $1
        WHERE s.id = $2`,
      [userId, sphereId],
    );
    return row;
  }

  /** Unseen sphere: 404; seen but not read as a member: 403. */
  private async allowed(auth: AuthContext, sphereId: string, action: 'read' | 'update'): Promise<void> {
    const access = await this.gate.of(auth);
    const [facts] = await this.db.rows<SphereFacts>(
      `SELECT id, organisation_id AS "organisationId", path, visibility, archived_at IS NOT NULL AS archived
         FROM spheres WHERE id = $1`,
      [sphereId],
    );
    const sphere = this.gate.visible(access, facts, sphereSubject, 'Sphere');
    this.gate.assert(access, action, notificationPreferenceSubject({ sphereId: sphere.id }));
  }
}
