import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessGate, AuthContext, sphereSubject, SphereFacts } from '@alveole/access';
import { AuditWriter } from '@alveole/audit';
import { CaseDecisionsRepository, SphereModerationSettings } from './case-decisions.repository';
import { ModerationRepository } from './moderation.repository';

/** A sphere's moderation settings: read by its moderators, changed by whoever may change the sphere. */
@Injectable()
export class ModerationSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ModerationRepository,
    private readonly decisions: CaseDecisionsRepository,
    private readonly gate: AccessGate,
    private readonly audit: AuditWriter,
  ) {}

  async get(auth: AuthContext, sphereId: string): Promise<SphereModerationSettings> {
    const sphere = await this.sphere(auth, sphereId, 'moderate');
    return this.decisions.settings(sphere.id);
  }

  async put(
    auth: AuthContext,
    sphereId: string,
    settings: SphereModerationSettings,
  ): Promise<SphereModerationSettings> {
    const sphere = await this.sphere(auth, sphereId, 'update');
    await this.dataSource.transaction(async (manager) => {
      const before = await this.decisions.settings(sphere.id, manager);
      await this.decisions.putSettings(sphere, settings, auth.userId, manager);
      await this.audit.record(manager, {
        organisationId: sphere.organisationId,
        actorId: auth.userId,
        action: 'sphere.moderation_settings_changed',
        targetType: 'sphere',
        targetId: sphere.id,
        spherePath: sphere.path,
        before,
        after: settings,
      });
    });
    return settings;
  }

  private async sphere(auth: AuthContext, sphereId: string, action: 'moderate' | 'update'): Promise<SphereFacts> {
    const access = await this.gate.of(auth);
    const sphere = this.gate.visible(access, await this.repository.sphere(sphereId), sphereSubject, 'Sphere');
    this.gate.assert(access, action, sphereSubject(sphere));
    return sphere;
  }
}
