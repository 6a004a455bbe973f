import { AuditLogRow } from '../audit-log.repository';
import { SphereRequestEntity } from '../sphere-request.entity';
import { AuditEntryResponse, SphereRequestResponse } from './sphere-requests.responses';

export function toSphereRequest(r: SphereRequestEntity): SphereRequestResponse {
  return {
    id: r.id,
    organisationId: r.organisationId,
    parentId: r.parentId,
    name: r.name,
    reason: r.reason,
    kind: r.kind,
    visibility: r.visibility,
    status: r.status,
    requestedBy: r.requestedBy,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt,
    decisionReason: r.decisionReason,
    sphereId: r.sphereId,
    createdAt: r.createdAt,
  };
}

export function toAuditEntry(a: AuditLogRow): AuditEntryResponse {
  return {
    id: a.id,
    actor: a.actorId ? { id: a.actorId, displayName: a.actorName } : null,
    action: a.action,
    targetType: a.targetType,
    targetId: a.targetId,
    before: a.before as AuditEntryResponse['before'],
    after: a.after as AuditEntryResponse['after'],
    createdAt: a.createdAt,
  };
}
