import type { DomainEvent } from '@alveole/core';
import { Live, ModerationCaseUpdatedPayload, Rooms } from '@alveole/realtime';
import type { CaseRecord, Decision, EscalationReason } from './moderation.repository';

/** A sphere's queue as it stands after a change (the moderators' live counts). */
export interface QueueCounts {
  openCount: number;
  escalatedCount: number;
}

declare module '@alveole/core' {
  interface DomainEventMap {
    /** A report was filed; `opened` when it opened its case (ids only: subscribers read what they need). */
    'report.created': {
      reportId: string;
      caseId: string;
      sphereId: string;
      targetType: string;
      targetId: string;
      reporterId: string;
      opened: boolean;
      reportCount: number;
    };
    /** A case opened without a report (a pending post's approval case). */
    'moderation_case.opened': { caseId: string; sphereId: string; kind: 'report' | 'approval' };
    /** Claimed by a moderator, or released (`claimedBy` null): only the moderators' screens hear of it. */
    'moderation_case.claimed': { caseId: string; sphereId: string; claimedBy: string | null };
    /** An open case waits for a decision until `deadlineAt`, then goes up (scheduled when it opens). */
    'moderation_case.deadline_due': { caseId: string; deadlineAt: string };
    'moderation_case.escalated': { caseId: string; sphereId: string; reason: EscalationReason; by: string | null };
    /** A decision: reporters and the author are told (the author with the charter articles cited). */
    'moderation.decided': {
      caseId: string;
      sphereId: string;
      decision: Decision;
      decidedBy: string;
      targetType: string;
      targetId: string;
      authorId: string | null;
      reporterIds: string[];
      articles: number[];
    };
  }
}

type CaseChange = ModerationCaseUpdatedPayload['change'];

/** The live queue update for the sphere's moderators (best effort: the queue page reloads on reconnect). */
export const caseUpdate = (moderationCase: CaseRecord, change: CaseChange, counts: QueueCounts) =>
  Live.emit(Rooms.sphereModerators(moderationCase.sphereId), 'moderation_case.updated', {
    caseId: moderationCase.id,
    sphereId: moderationCase.sphereId,
    status: moderationCase.status,
    change,
    ...counts,
  });

export const ModerationEvents = {
  reportCreated: (
    report: { id: string; reporterId: string; targetType: string; targetId: string },
    moderationCase: CaseRecord,
    opened: boolean,
    counts: QueueCounts,
  ): DomainEvent<'report.created'> => ({
    name: 'report.created',
    payload: {
      reportId: report.id,
      caseId: moderationCase.id,
      sphereId: moderationCase.sphereId,
      targetType: report.targetType,
      targetId: report.targetId,
      reporterId: report.reporterId,
      opened,
      reportCount: moderationCase.reportCount,
    },
    organisationId: moderationCase.organisationId,
    live: [caseUpdate(moderationCase, opened ? 'opened' : 'reported', counts)],
  }),

  /** A pending post's case opened: the moderators' queue shows it. */
  approvalOpened: (moderationCase: CaseRecord, counts: QueueCounts): DomainEvent<'moderation_case.opened'> => ({
    name: 'moderation_case.opened',
    payload: { caseId: moderationCase.id, sphereId: moderationCase.sphereId, kind: moderationCase.kind },
    organisationId: moderationCase.organisationId,
    live: [caseUpdate(moderationCase, 'opened', counts)],
  }),

  /** The delayed job that escalates the case if it is still open then (a no-op once decided). */
  deadlineDue: (moderationCase: CaseRecord): DomainEvent<'moderation_case.deadline_due'> => ({
    name: 'moderation_case.deadline_due',
    payload: { caseId: moderationCase.id, deadlineAt: moderationCase.deadlineAt!.toISOString() },
    organisationId: moderationCase.organisationId,
    runAt: moderationCase.deadlineAt!,
  }),

  /** Claimed or released: nobody else needs to know but the moderators' screens. */
  claimChanged: (moderationCase: CaseRecord, counts: QueueCounts): DomainEvent<'moderation_case.claimed'> => ({
    name: 'moderation_case.claimed',
    payload: { caseId: moderationCase.id, sphereId: moderationCase.sphereId, claimedBy: moderationCase.claimedBy },
    organisationId: moderationCase.organisationId,
    durable: false,
    live: [caseUpdate(moderationCase, moderationCase.claimedBy ? 'claimed' : 'released', counts)],
  }),

  escalated: (
    moderationCase: CaseRecord,
    by: string | null,
    counts: QueueCounts,
  ): DomainEvent<'moderation_case.escalated'> => ({
    name: 'moderation_case.escalated',
    payload: {
      caseId: moderationCase.id,
      sphereId: moderationCase.sphereId,
      reason: moderationCase.escalationReason!,
      by,
    },
    organisationId: moderationCase.organisationId,
    live: [caseUpdate(moderationCase, 'escalated', counts)],
  }),

  decided: (
    moderationCase: CaseRecord,
    reporterIds: string[],
    articles: number[],
    counts: QueueCounts,
  ): DomainEvent<'moderation.decided'> => {
    const outcome = (userId: string, role: 'author' | 'reporter') =>
      Live.toUser(userId, 'moderation.outcome', {
        caseId: moderationCase.id,
        role,
        decision: moderationCase.decision!,
        targetType: moderationCase.targetType,
        targetId: moderationCase.targetId,
      });
    const { authorId } = moderationCase;
    return {
      name: 'moderation.decided',
      payload: {
        caseId: moderationCase.id,
        sphereId: moderationCase.sphereId,
        decision: moderationCase.decision!,
        decidedBy: moderationCase.decidedBy!,
        targetType: moderationCase.targetType,
        targetId: moderationCase.targetId,
        authorId,
        reporterIds,
        articles,
      },
      organisationId: moderationCase.organisationId,
      live: [caseUpdate(moderationCase, 'decided', counts)],
      // told even when Redis is down at the decision: through the outbox
      liveDurable: [
        ...(authorId ? [outcome(authorId, 'author')] : []),
        ...reporterIds.filter((id) => id !== authorId).map((id) => outcome(id, 'reporter')),
      ],
    };
  },
};
