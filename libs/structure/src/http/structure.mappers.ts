import { Page } from '@alveole/core';
import { MemberRow } from '../memberships.repository';
import { MembershipEntity } from '../membership.entity';
import { OrganisationEntity } from '../organisation.entity';
import { RoleAssignmentEntity } from '../role-assignment.entity';
import { SphereEntity } from '../sphere.entity';
import {
  MemberResponse,
  MembershipResponse,
  OrganisationResponse,
  RoleAssignmentResponse,
  SphereResponse,
} from './structure.responses';

export function toOrganisation(o: OrganisationEntity): OrganisationResponse {
  return {
    id: o.id,
    name: o.name,
    slug: o.slug,
    sphereCreation: o.sphereCreation,
    membershipPolicy: o.membershipPolicy,
    charterVersion: o.charterVersion,
    contentOnErasure: o.contentOnErasure,
    createdAt: o.createdAt,
  };
}

export function toSphere(s: SphereEntity): SphereResponse {
  return {
    id: s.id,
    organisationId: s.organisationId,
    parentId: s.parentId,
    path: s.path,
    depth: s.depth,
    name: s.name,
    slug: s.slug,
    description: s.description,
    kind: s.kind,
    territoryCode: s.territoryCode,
    visibility: s.visibility,
    postingPolicy: s.postingPolicy,
    moderationMode: s.moderationMode,
    historyVisibleToNewcomers: s.historyVisibleToNewcomers,
    charterAddendum: s.charterAddendum,
    archived: s.archivedAt !== null,
    archivedAt: s.archivedAt,
    createdAt: s.createdAt,
  };
}

export function toRoleAssignment(r: RoleAssignmentEntity): RoleAssignmentResponse {
  return {
    id: r.id,
    organisationId: r.organisationId,
    userId: r.userId,
    role: r.role,
    scopeSphereId: r.scopeSphereId,
    expiresAt: r.expiresAt,
    grantedBy: r.grantedBy,
    createdAt: r.createdAt,
  };
}

export function toMembership(m: MembershipEntity): MembershipResponse {
  return {
    sphereId: m.sphereId,
    userId: m.userId,
    role: m.role,
    status: m.status,
    expiresAt: m.expiresAt,
    joinedAt: m.joinedAt,
  };
}

export function toMember(m: MemberRow): MemberResponse {
  return { userId: m.userId, displayName: m.displayName, role: m.role, status: m.status, joinedAt: m.joinedAt };
}

export function mapPage<T, R>(page: Page<T>, map: (item: T) => R): Page<R> {
  return { items: page.items.map(map), nextCursor: page.nextCursor };
}
