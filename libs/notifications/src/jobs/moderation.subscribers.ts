import { Injectable } from '@nestjs/common';
import { DomainEventSubscriber, OnDomainEvent, StoredEvent, SubscriberContext } from '@alveole/core';
import { NotificationWriter } from '../notification-writer';
import { managersOf, people } from '../recipients.statements';

/** A decision: the author and the reporters (the details in GET /me/moderation/outcomes). */
@Injectable()
@OnDomainEvent('moderation.decided', 'notifications.moderation_outcome')
export class NotifyModerationOutcome implements DomainEventSubscriber<'moderation.decided'> {
  constructor(private readonly writer: NotificationWriter) {}

  async handle(event: StoredEvent<'moderation.decided'>, { manager }: SubscriberContext): Promise<void> {
    const { caseId, sphereId, decidedBy, authorId, reporterIds } = event.payload;
    const told = [...reporterIds, ...(authorId ? [authorId] : [])];
    await this.writer.write(
      manager,
      {
        eventId: event.id,
        organisationId: event.organisationId,
        sphereId,
        subjectType: 'moderation_case',
        subjectId: caseId,
        actorId: decidedBy,
      },
      people('moderation_outcome'),
      [told],
    );
  }
}

/** A case went up: the managers whose territory holds its sphere. */
@Injectable()
@OnDomainEvent('moderation_case.escalated', 'notifications.case_escalated')
export class NotifyCaseEscalated implements DomainEventSubscriber<'moderation_case.escalated'> {
  constructor(private readonly writer: NotificationWriter) {}

  async handle(event: StoredEvent<'moderation_case.escalated'>, { manager }: SubscriberContext): Promise<void> {
    const { caseId, sphereId, by } = event.payload;
    await this.writer.write(
      manager,
      {
        eventId: event.id,
        organisationId: event.organisationId,
        sphereId,
        subjectType: 'moderation_case',
        subjectId: caseId,
        actorId: by,
      },
      managersOf('case_escalated'),
      [sphereId],
    );
  }
}
