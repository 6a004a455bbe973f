import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessGate, AuthContext, sphereSubject, SphereFacts } from '@alveole/access';
import { AuditWriter } from '@alveole/audit';
import type { NotificationLevel } from './notification-kinds';

/**
 * A sphere's default level: what its members hear until they choose (an announcement sphere may start
 * everyone at `all`, a busy forum at a daily digest). Set by whoever may change the sphere, audited.
 */
@Injectable()
export class SphereDefaultService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gate: AccessGate,
    private readonly audit: AuditWriter,
  ) {}

  async put(
    auth: AuthContext,
    sphereId: string,
    level: NotificationLevel,
  ): Promise<{ sphereId: string; level: NotificationLevel }> {
    const access = await this.gate.of(auth);
    await this.dataSource.transaction(async (manager) => {
      const [facts]: (SphereFacts & { level: NotificationLevel })[] = await manager.query(
        `SELECT id, organisation_id AS "organisationId", path, visibility, archived_at IS NOT NULL AS archived,
                notification_level AS level
           FROM spheres WHERE id = $1 FOR UPDATE`,
        [sphereId],
      );
      const sphere = this.gate.visible(access, facts, sphereSubject, 'Sphere');
      this.gate.assert(access, 'update', sphereSubject(sphere));
      await manager.query(`UPDATE spheres SET notification_level = $2, updated_at = now() WHERE id = $1`, [
        sphere.id,
        level,
      ]);
      await this.audit.record(manager, {
        organisationId: sphere.organisationId,
        actorId: auth.userId,
        action: 'sphere.notification_default_changed',
        targetType: 'sphere',
        targetId: sphere.id,
        spherePath: sphere.path,
        before: { level: facts.level },
        after: { level },
      });
    });
    return { sphereId, level };
  }
}
