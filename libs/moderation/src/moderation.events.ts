import type { DomainEvent } from '@alveole/core';

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
  }
}

export const ModerationEvents = {
  reportCreated: (
    report: { id: string; reporterId: string; targetType: string; targetId: string },
    moderationCase: { id: string; organisationId: string; sphereId: string; reportCount: number },
    opened: boolean,
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
  }),
};
