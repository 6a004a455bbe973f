import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessGate, membershipSets } from '@alveole/access';
import { APP_CONFIG, AppConfig, DomainEvents } from '@alveole/core';
import { CaseDecisionsRepository } from './case-decisions.repository';
import { ModerationEvents } from './moderation.events';
import { CaseRecord, NewCase } from './moderation.repository';

export interface CaseTarget {
  kind: NewCase['kind'];
  type: NewCase['targetType'];
  id: string;
  organisationId: string;
  sphereId: string;
  spherePath: string;
  authorId: string | null;
  snapshot: Record<string, unknown>;
}

/**
 * How a case starts: at the system managers' level when its author moderates the sphere (animators
 * do not judge their peers), otherwise in the sphere's queue with a deadline after which it goes up.
 */
@Injectable()
export class CaseOpening {
  constructor(
    private readonly decisions: CaseDecisionsRepository,
    private readonly gate: AccessGate,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Inside a transaction (`manager`), reads only through it: a transaction never waits for a second
   * connection of the pool. Approval cases skip the author's role: moderators' posts are never pending.
   */
  async newCase(id: string, target: CaseTarget, manager?: EntityManager): Promise<NewCase> {
    const authorModerates =
      target.kind === 'report' && target.authorId ? await this.moderates(target.authorId, target.sphereId) : false;
    const { deadlineHours } = await this.decisions.settings(target.sphereId, manager);
    const waitMs = deadlineHours ? deadlineHours * 3_600_000 : this.config.moderationDeadlineSeconds * 1000;
    return {
      id,
      kind: target.kind,
      organisationId: target.organisationId,
      sphereId: target.sphereId,
      spherePath: target.spherePath,
      targetType: target.type,
      targetId: target.id,
      authorId: target.authorId,
      snapshot: target.snapshot,
      escalatedBecauseOfAuthor: authorModerates,
      deadlineAt: authorModerates ? null : new Date(Date.now() + waitMs),
    };
  }

  /** Once the case exists: its deadline job (durable, through the outbox), or its escalation event. */
  async opened(moderationCase: CaseRecord, manager: EntityManager): Promise<void> {
    if (moderationCase.status === 'escalated') {
      const counts = await this.decisions.counts(moderationCase.sphereId, manager);
      await this.events.publish(manager, ModerationEvents.escalated(moderationCase, null, counts));
    } else if (moderationCase.deadlineAt) {
      await this.events.publish(manager, ModerationEvents.deadlineDue(moderationCase));
    }
  }

  /** Does the user moderate the sphere (an active animator or sphere admin there)? */
  private async moderates(userId: string, sphereId: string): Promise<boolean> {
    const access = await this.gate.of({ userId, email: '', displayName: '', instanceRole: null });
    return membershipSets(access.profile).moderating.includes(sphereId);
  }
}
