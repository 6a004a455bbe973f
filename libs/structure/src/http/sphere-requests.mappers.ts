import { SphereRequestEntity } from '../sphere-request.entity';
import { SphereRequestResponse } from './sphere-requests.responses';

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
