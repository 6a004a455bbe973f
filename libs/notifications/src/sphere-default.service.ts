import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessGate, AuthContext, sphereSubject } from '@alveole/access';
import { AuditWriter } from '@alveole/audit';
import type { NotificationLevel } from './notification-kinds';
import { PreferencesRepository } from './preferences.repository';

/**
 * A sphere's default level: what its members hear until they choose (an announcement sphere may start
 * everyone at `all`, a busy forum at a daily digest). Set by whoever may change the sphere, audited.
 */
@Injectable()
export class SphereDefaultService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: PreferencesRepository,
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
      const facts = await this.repository.sphere(sphereId, manager);
      const sphere = this.gate.visible(access, facts, sphereSubject, 'Sphere');
      this.gate.assert(access, 'update', sphereSubject(sphere));
      await this.repository.setSphereDefault(sphere.id, level, manager);
      await this.audit.record(manager, {
        organisationId: sphere.organisationId,
        actorId: auth.userId,
        action: 'sphere.notification_default_changed',
        targetType: 'sphere',
        targetId: sphere.id,
        spherePath: sphere.path,
        before: { level: sphere.level },
        after: { level },
      });
    });
    return { sphereId, level };
  }
}
