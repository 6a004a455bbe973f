import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, AppException, FastQuery } from '@alveole/core';
import type { NotificationLevel } from './notification-kinds';
import { verifyUnsubscribeToken } from './email/unsubscribe-token';

export interface UnsubscribeView {
  sphereId: string;
  sphereName: string;
  level: NotificationLevel;
}

const invalid = () =>
  new AppException(HttpStatus.NOT_FOUND, 'invalid-unsubscribe-token', 'This unsubscribe link is not valid');

/**
 * The one-click unsubscribe of e-mails (RFC 8058): the signed token is the only credential, so any
 * bad token (forged, altered, of a deleted person or sphere) gets the same 404.
 */
@Injectable()
export class UnsubscribeService {
  constructor(
    private readonly db: FastQuery,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** What the confirmation page shows: the sphere and what the person hears of it now. */
  async show(token: string): Promise<UnsubscribeView> {
    const claim = this.claim(token);
    const [row] = await this.db.rows<UnsubscribeView>(
      `SELECT s.id AS "sphereId", s.name AS "sphereName", coalesce(p.level, s.notification_level) AS level
         FROM spheres s JOIN users u ON u.id = $1
         LEFT JOIN notification_preferences p ON p.sphere_id = s.id AND p.user_id = u.id
        WHERE s.id = $2`,
      [claim.userId, claim.sphereId],
    );
    if (!row) throw invalid();
    return row;
  }

  async unsubscribe(token: string): Promise<UnsubscribeView> {
    const claim = this.claim(token);
    const [row] = await this.db.rows<UnsubscribeView>(
      `WITH target AS (SELECT s.id, s.name FROM spheres s JOIN users u ON u.id = $1 WHERE s.id = $2),
            saved AS (
              INSERT INTO notification_preferences (user_id, sphere_id, level)
              SELECT $1, id, 'none' FROM target
              ON CONFLICT (user_id, sphere_id) DO UPDATE SET level = 'none', updated_at = now())
       SELECT id AS "sphereId", name AS "sphereName", 'none' AS level FROM target`,
      [claim.userId, claim.sphereId],
    );
    if (!row) throw invalid();
    return row;
  }

  private claim(token: string) {
    const claim = verifyUnsubscribeToken(this.config.unsubscribeSecret, token);
    if (!claim) throw invalid();
    return claim;
  }
}
