import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessGate, AuthContext } from '@alveole/access';
import { AuditWriter } from '@alveole/audit';
import { AppException, DomainEvents, newId } from '@alveole/core';
import { CaseDecisionsRepository } from './case-decisions.repository';
import { caseFacts } from './cases.service';
import { isClosed } from './claims.service';
import { ModerationErrors } from './moderation.errors';
import { ModerationEvents } from './moderation.events';
import { CaseRecord, EscalationReason, ModerationRepository } from './moderation.repository';

/**
 * Sending a case up to the system managers whose scope covers its sphere: an animator who should not
 * or cannot judge it, or its deadline passing with nobody deciding (the delayed job).
 */
@Injectable()
export class EscalationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly decisions: CaseDecisionsRepository,
    private readonly repository: ModerationRepository,
    private readonly gate: AccessGate,
    private readonly audit: AuditWriter,
    private readonly events: DomainEvents,
  ) {}

  async byAnimator(auth: AuthContext, caseId: string, note: string): Promise<CaseRecord> {
    const access = await this.gate.of(auth);
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.decisions.lock(caseId, manager);
      if (!locked || !access.ability.can('read', caseFacts(locked))) throw AppException.notFound('Case');
      if (isClosed(locked)) throw ModerationErrors.caseClosed();
      if (locked.status === 'escalated') throw ModerationErrors.alreadyEscalated();
      this.gate.assert(access, 'escalate', caseFacts(locked));
      const escalated = await this.escalate(locked, 'animator', auth.userId, note.trim(), manager);
      await this.audit.record(manager, {
        organisationId: escalated.organisationId,
        actorId: auth.userId,
        action: 'moderation.escalated',
        targetType: 'moderation_case',
        targetId: caseId,
        spherePath: escalated.spherePath,
        after: { reason: note.trim() },
      });
      return escalated;
    });
  }

  /** The deadline job: a no-op when the case was decided, escalated, or its deadline moved since. */
  async whenOverdue(caseId: string, deadlineAt: string, manager: EntityManager): Promise<void> {
    const locked = await this.decisions.lock(caseId, manager);
    if (!locked || locked.status !== 'open' || locked.deadlineAt?.toISOString() !== deadlineAt) return;
    await this.escalate(locked, 'deadline', null, null, manager);
  }

  private async escalate(
    locked: CaseRecord,
    reason: EscalationReason,
    actorId: string | null,
    note: string | null,
    manager: EntityManager,
  ): Promise<CaseRecord> {
    const escalated = (await this.decisions.escalate(locked.id, reason, manager))!;
    await this.repository.recordEvent(
      { id: newId(), caseId: locked.id, actorId, kind: 'escalated', detail: { reason, note } },
      manager,
    );
    const counts = await this.decisions.counts(escalated.sphereId, manager);
    await this.events.publish(manager, ModerationEvents.escalated(escalated, actorId, counts));
    return escalated;
  }
}
