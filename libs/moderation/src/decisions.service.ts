import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessGate, AuthContext } from '@alveole/access';
import { AuditWriter } from '@alveole/audit';
import { DomainEvents, newId } from '@alveole/core';
import { CaseDecisionsRepository } from './case-decisions.repository';
import { caseFacts } from './cases.service';
import { ClaimsService } from './claims.service';
import { DecisionEffects, DecisionInput } from './decision-effects';
import { ModerationErrors } from './moderation.errors';
import { ModerationEvents } from './moderation.events';
import { CaseRecord, ModerationRepository } from './moderation.repository';

/**
 * Decisions on claimed cases: the effect, the case closed, its history, the audit row and the
 * outcome events commit together or not at all. The case row is locked first, so of concurrent
 * deciders exactly one decides and the others get 409.
 */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly decisions: CaseDecisionsRepository,
    private readonly repository: ModerationRepository,
    private readonly claims: ClaimsService,
    private readonly effects: DecisionEffects,
    private readonly gate: AccessGate,
    private readonly audit: AuditWriter,
    private readonly events: DomainEvents,
  ) {}

  async decide(auth: AuthContext, caseId: string, input: DecisionInput): Promise<CaseRecord> {
    const access = await this.gate.of(auth);
    const reason = input.reason.trim();
    // read before the transaction (it holds one connection and never waits for another); its author never changes
    const found = await this.repository.findCase(caseId);
    const authorHoldsOrgRole = found ? await this.effects.authorHoldsOrgRole(found) : false;
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.claims.lockedForDecision(access, caseId, manager);
      if (input.action === 'ban') this.gate.assert(access, 'ban', caseFacts(locked));
      const claimLive = locked.claimedUntil !== null && new Date(locked.claimedUntil).getTime() > Date.now();
      if (locked.claimedBy !== auth.userId || !claimLive) throw ModerationErrors.notClaimed();
      await this.effects.apply(locked, { ...input, reason }, auth.userId, authorHoldsOrgRole, manager);
      const muteHours = input.action === 'mute' ? input.durationHours! : null;
      const decided = await this.decisions.decide(
        caseId,
        { by: auth.userId, action: input.action, reason, muteHours },
        manager,
      );
      await this.repository.recordEvent(
        { id: newId(), caseId, actorId: auth.userId, kind: 'decided', detail: { action: input.action, reason } },
        manager,
      );
      await this.audit.record(manager, {
        organisationId: decided.organisationId,
        actorId: auth.userId,
        action: `moderation.${input.action}`,
        targetType: 'moderation_case',
        targetId: caseId,
        spherePath: decided.spherePath,
        after: {
          target: { type: decided.targetType, id: decided.targetId },
          authorId: decided.authorId,
          reason,
          muteHours,
        },
      });
      const { reporterIds, articles } = await this.decisions.reportsSummary(caseId, manager);
      const counts = await this.decisions.counts(decided.sphereId, manager);
      await this.events.publish(manager, ModerationEvents.decided(decided, reporterIds, articles, counts));
      return decided;
    });
  }
}
