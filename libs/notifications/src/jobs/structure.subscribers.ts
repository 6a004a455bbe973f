import { Injectable } from '@nestjs/common';
import { DomainEventSubscriber, OnDomainEvent, StoredEvent, SubscriberContext } from '@alveole/core';
import { Fanout } from '../fanout';
import { NotificationWriter } from '../notification-writer';
import { managersOf, people, SPHERE_MODERATORS } from '../recipients.statements';

/** Someone asked to join a private sphere: its animators and admins. */
@Injectable()
@OnDomainEvent('membership.changed', 'notifications.join_request')
export class NotifyJoinRequest implements DomainEventSubscriber<'membership.changed'> {
  constructor(private readonly writer: NotificationWriter) {}

  async handle(event: StoredEvent<'membership.changed'>, { manager }: SubscriberContext): Promise<void> {
    const { change, sphereId, userId } = event.payload;
    if (change !== 'requested') return;
    const origin = {
      eventId: event.id,
      organisationId: event.organisationId,
      sphereId,
      subjectType: 'membership' as const,
    };
    await this.writer.write(manager, { ...origin, subjectId: userId, actorId: userId }, SPHERE_MODERATORS, [sphereId]);
  }
}

@Injectable()
@OnDomainEvent('join_request.decided', 'notifications.join_request_decided')
export class NotifyJoinRequestDecided implements DomainEventSubscriber<'join_request.decided'> {
  constructor(private readonly writer: NotificationWriter) {}

  async handle(event: StoredEvent<'join_request.decided'>, { manager }: SubscriberContext): Promise<void> {
    const { sphereId, userId, decidedBy } = event.payload;
    const origin = {
      eventId: event.id,
      organisationId: event.organisationId,
      sphereId,
      subjectType: 'membership' as const,
    };
    await this.writer.write(
      manager,
      { ...origin, subjectId: userId, actorId: decidedBy },
      people('join_request_decided'),
      [[userId]],
    );
  }
}

/** A sphere asked for under a parent: the managers whose territory holds the parent. */
@Injectable()
@OnDomainEvent('sphere_request.created', 'notifications.sphere_request')
export class NotifySphereRequest implements DomainEventSubscriber<'sphere_request.created'> {
  constructor(private readonly writer: NotificationWriter) {}

  async handle(event: StoredEvent<'sphere_request.created'>, { manager }: SubscriberContext): Promise<void> {
    const { requestId, parentId, requestedBy } = event.payload;
    await this.writer.write(
      manager,
      {
        eventId: event.id,
        organisationId: event.organisationId,
        sphereId: parentId,
        subjectType: 'sphere_request',
        subjectId: requestId,
        actorId: requestedBy,
      },
      managersOf('sphere_request'),
      [parentId],
    );
  }
}

@Injectable()
@OnDomainEvent('sphere_request.decided', 'notifications.sphere_request_decided')
export class NotifySphereRequestDecided implements DomainEventSubscriber<'sphere_request.decided'> {
  constructor(private readonly writer: NotificationWriter) {}

  async handle(event: StoredEvent<'sphere_request.decided'>, { manager }: SubscriberContext): Promise<void> {
    const { requestId, requestedBy, decidedBy, sphereId } = event.payload;
    await this.writer.write(
      manager,
      {
        eventId: event.id,
        organisationId: event.organisationId,
        sphereId,
        subjectType: 'sphere_request',
        subjectId: requestId,
        actorId: decidedBy,
      },
      people('sphere_request_decided'),
      [[requestedBy]],
    );
  }
}

/** A role granted or revoked: its holder. */
function notifyHolder(
  writer: NotificationWriter,
  event: StoredEvent<'role.granted'> | StoredEvent<'role.revoked'>,
  { manager }: SubscriberContext,
  kind: 'role_granted' | 'role_revoked',
): Promise<number> {
  const { assignmentId, userId, scopeSphereId, actorId } = event.payload;
  return writer.write(
    manager,
    {
      eventId: event.id,
      organisationId: event.organisationId,
      sphereId: scopeSphereId,
      subjectType: 'role_assignment',
      subjectId: assignmentId,
      actorId,
    },
    people(kind),
    [[userId]],
  );
}

@Injectable()
@OnDomainEvent('role.granted', 'notifications.role_granted')
export class NotifyRoleGranted implements DomainEventSubscriber<'role.granted'> {
  constructor(private readonly writer: NotificationWriter) {}

  async handle(event: StoredEvent<'role.granted'>, context: SubscriberContext): Promise<void> {
    await notifyHolder(this.writer, event, context, 'role_granted');
  }
}

@Injectable()
@OnDomainEvent('role.revoked', 'notifications.role_revoked')
export class NotifyRoleRevoked implements DomainEventSubscriber<'role.revoked'> {
  constructor(private readonly writer: NotificationWriter) {}

  async handle(event: StoredEvent<'role.revoked'>, context: SubscriberContext): Promise<void> {
    await notifyHolder(this.writer, event, context, 'role_revoked');
  }
}

/** A week before a mandate ends: its holder and whoever granted it. */
@Injectable()
@OnDomainEvent('role.expiring', 'notifications.mandate_ending')
export class NotifyMandateEnding implements DomainEventSubscriber<'role.expiring'> {
  constructor(private readonly writer: NotificationWriter) {}

  async handle(event: StoredEvent<'role.expiring'>, { manager }: SubscriberContext): Promise<void> {
    const { assignmentId, userId, grantedBy } = event.payload;
    await this.writer.write(
      manager,
      {
        eventId: event.id,
        organisationId: event.organisationId,
        sphereId: null,
        subjectType: 'role_assignment',
        subjectId: assignmentId,
        actorId: null,
      },
      people('mandate_ending'),
      [[userId, grantedBy].filter((id): id is string => id !== null)],
    );
  }
}

/** A new charter version: every member of the organisation (a large audience, in chunks). */
@Injectable()
@OnDomainEvent('charter.published', 'notifications.charter_updated')
export class NotifyCharterUpdated implements DomainEventSubscriber<'charter.published'> {
  constructor(private readonly fanout: Fanout) {}

  async handle(event: StoredEvent<'charter.published'>, { manager }: SubscriberContext): Promise<void> {
    if (!event.organisationId) return;
    const { version, publishedBy } = event.payload;
    const source = {
      type: 'organisation_charter' as const,
      organisationId: event.organisationId,
      version,
      publishedBy,
    };
    await this.fanout.plan(manager, event.id, source, event.organisationId);
  }
}
