import { Injectable } from '@nestjs/common';
import { JobContext, JobHandler, JobHandlerOf, JobName, JobPayloads } from '@alveole/core';
import { RealtimePublisher } from '@alveole/realtime';
import { AuditWriter } from '../audit.writer';
import { RoleAssignmentEntity } from '../role-assignment.entity';

/**
 * A week before a mandate ends, tells its holder and its grantor (live, and in the audit trail
 * that managers read). The notifications context will also deliver it in-app and by e-mail.
 * A mandate revoked or given another end date since is skipped.
 */
@Injectable()
@JobHandler(JobName.RoleExpiring)
export class RoleExpiringHandler implements JobHandlerOf<JobName.RoleExpiring> {
  constructor(
    private readonly audit: AuditWriter,
    private readonly realtime: RealtimePublisher,
  ) {}

  async handle(event: JobPayloads[JobName.RoleExpiring], { manager }: JobContext): Promise<void> {
    const assignment = await manager.getRepository(RoleAssignmentEntity).findOneBy({ id: event.assignmentId });
    if (!assignment || assignment.revokedAt || assignment.expiresAt?.toISOString() !== event.expiresAt) return;
    await this.audit.record(manager, {
      organisationId: event.organisationId,
      actorId: null,
      action: 'role.expiring',
      targetType: 'role_assignment',
      targetId: assignment.id,
      spherePath: null,
      after: { userId: assignment.userId, role: assignment.role, expiresAt: event.expiresAt },
    });
    const notice = {
      assignmentId: assignment.id,
      organisationId: event.organisationId,
      role: assignment.role,
      expiresAt: event.expiresAt,
    };
    for (const userId of new Set([assignment.userId, assignment.grantedBy].filter((id): id is string => Boolean(id)))) {
      this.realtime.toUser(userId, 'role.expiring', notice);
    }
  }
}
