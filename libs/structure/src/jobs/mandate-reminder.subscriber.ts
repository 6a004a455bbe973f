import { Injectable } from '@nestjs/common';
import { AuditWriter } from '@alveole/audit';
import { DomainEvents, DomainEventSubscriber, OnDomainEvent, StoredEvent, SubscriberContext } from '@alveole/core';
import type { OrgRole } from '@alveole/access';
import { StructureEvents } from '../structure.events';

/**
 * A week before a mandate ends, tells its holder and its grantor (live, and in the audit trail that
 * managers read); the notifications context will also deliver `role.expiring` in-app and by e-mail.
 * A mandate revoked or given another end date since is skipped.
 */
@Injectable()
@OnDomainEvent('role.expiry_due', 'structure.mandate_reminder')
export class MandateReminder implements DomainEventSubscriber<'role.expiry_due'> {
  constructor(
    private readonly audit: AuditWriter,
    private readonly events: DomainEvents,
  ) {}

  async handle(event: StoredEvent<'role.expiry_due'>, { manager }: SubscriberContext): Promise<void> {
    const { assignmentId, expiresAt } = event.payload;
    // raw SQL: the worker loads no entity of this context (role_assignments_pkey)
    const [assignment] = await manager.query<
      { id: string; organisationId: string; userId: string; grantedBy: string | null; role: OrgRole; expiresAt: Date }[]
    >(
      `SELECT id, organisation_id AS "organisationId", user_id AS "userId", granted_by AS "grantedBy", role,
              expires_at AS "expiresAt"
         FROM role_assignments WHERE id = $1 AND revoked_at IS NULL`,
      [assignmentId],
    );
    if (!assignment || assignment.expiresAt?.toISOString() !== expiresAt) return;
    await this.audit.record(manager, {
      organisationId: assignment.organisationId,
      actorId: null,
      action: 'role.expiring',
      targetType: 'role_assignment',
      targetId: assignment.id,
      spherePath: null,
      after: { userId: assignment.userId, role: assignment.role, expiresAt },
    });
    const expiring = { assignmentId, userId: assignment.userId, grantedBy: assignment.grantedBy, expiresAt };
    await this.events.publish(
      manager,
      StructureEvents.roleExpiring(assignment.organisationId, expiring, assignment.role),
    );
  }
}
