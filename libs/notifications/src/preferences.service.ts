import { Injectable } from '@nestjs/common';
import { AccessGate, AuthContext, sphereSubject } from '@alveole/access';
import type { NotificationLevel } from './notification-kinds';
import { notificationPreferenceSubject } from './notifications.rules';
import { PreferencesRepository, SpherePreference } from './preferences.repository';

/** A member's level per sphere: what they hear of its new posts, and how (DESIGN.md §2 "Notifications"). */
@Injectable()
export class PreferencesService {
  constructor(
    private readonly repository: PreferencesRepository,
    private readonly gate: AccessGate,
  ) {}

  async get(auth: AuthContext, sphereId: string): Promise<SpherePreference> {
    await this.allowed(auth, sphereId, 'read');
    return this.repository.preference(auth.userId, sphereId);
  }

  /** `null` returns to the sphere's default. */
  async put(auth: AuthContext, sphereId: string, level: NotificationLevel | null): Promise<SpherePreference> {
    await this.allowed(auth, sphereId, 'update');
    await this.repository.putPreference(auth.userId, sphereId, level);
    return this.repository.preference(auth.userId, sphereId);
  }

  /** Unseen sphere: 404; seen but not read as a member: 403. */
  private async allowed(auth: AuthContext, sphereId: string, action: 'read' | 'update'): Promise<void> {
    const access = await this.gate.of(auth);
    const sphere = this.gate.visible(access, await this.repository.sphere(sphereId), sphereSubject, 'Sphere');
    this.gate.assert(access, action, notificationPreferenceSubject({ sphereId: sphere.id }));
  }
}
