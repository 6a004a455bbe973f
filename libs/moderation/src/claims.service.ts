import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessGate, AuthContext, CallerAccess } from '@alveole/access';
import { AppException, DomainEvents, newId } from '@alveole/core';
import { CaseDecisionsRepository } from './case-decisions.repository';
import { caseFacts } from './cases.service';
import { ModerationErrors } from './moderation.errors';
import { ModerationEvents } from './moderation.events';
import { CaseRecord, ModerationRepository } from './moderation.repository';

export const isClosed = (c: CaseRecord) => c.status === 'resolved' || c.status === 'dismissed';

/**
 * Claims: a moderator takes a case before deciding it, so that two never handle the same one. A
 * claim lapses after 15 minutes without a decision; claiming again renews one's own.
 */
@Injectable()
export class ClaimsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly decisions: CaseDecisionsRepository,
    private readonly repository: ModerationRepository,
    private readonly gate: AccessGate,
    private readonly events: DomainEvents,
  ) {}

  async claim(auth: AuthContext, caseId: string): Promise<CaseRecord> {
    const access = await this.gate.of(auth);
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.lockedForDecision(access, caseId, manager);
      const claimed = await this.decisions.claim(caseId, auth.userId, manager);
      if (!claimed) {
        throw ModerationErrors.caseClaimed({ id: locked.claimedBy!, displayName: locked.claimedByName ?? '' });
      }
      if (locked.claimedBy !== auth.userId)
        await this.repository.recordEvent({ id: newId(), caseId, actorId: auth.userId, kind: 'claimed' }, manager);
      await this.announce(claimed, manager);
      return claimed;
    });
  }

  /** Gives one's claim back; 204 whether or not one held it (nothing to reveal, nothing lost). */
  async release(auth: AuthContext, caseId: string): Promise<void> {
    const access = await this.gate.of(auth);
    await this.dataSource.transaction(async (manager) => {
      await this.lockedForDecision(access, caseId, manager);
      const released = await this.decisions.release(caseId, auth.userId, manager);
      if (!released) return;
      await this.repository.recordEvent({ id: newId(), caseId, actorId: auth.userId, kind: 'released' }, manager);
      await this.announce(released, manager);
    });
  }

  /**
   * The case locked for this transaction, if the caller may decide it: 404 when they may not read it,
   * 409 once decided, 403 when they read it without deciding it (an escalated case, for its animators).
   */
  async lockedForDecision(access: CallerAccess, caseId: string, manager: EntityManager): Promise<CaseRecord> {
    const locked = await this.decisions.lock(caseId, manager);
    if (!locked || !access.ability.can('read', caseFacts(locked))) throw AppException.notFound('Case');
    if (isClosed(locked)) throw ModerationErrors.caseClosed();
    this.gate.assert(access, 'decide', caseFacts(locked));
    return locked;
  }

  private async announce(moderationCase: CaseRecord, manager: EntityManager): Promise<void> {
    const counts = await this.decisions.counts(moderationCase.sphereId, manager);
    await this.events.publish(manager, ModerationEvents.claimChanged(moderationCase, counts));
  }
}
