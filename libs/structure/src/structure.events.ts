import type { DomainEvent } from '@alveole/core';
import type { OrgRole, SphereRole } from '@alveole/access';
import { Live, MembershipChangedPayload } from '@alveole/realtime';

/** How a membership changed, and who made it change (ids only: subscribers read what they need). */
export interface MembershipChange {
  sphereId: string;
  userId: string;
  actorId: string;
  change:
    'added' | 'role_changed' | 'removed' | 'left' | 'joined' | 'requested' | 'invitation_accepted' | 'muted' | 'banned';
  role: SphereRole | null;
  status: MembershipChangedPayload['status'];
}

export interface RoleChange {
  assignmentId: string;
  userId: string;
  role: OrgRole;
  scopeSphereId: string | null;
  expiresAt: string | null;
  actorId: string;
}

declare module '@alveole/core' {
  interface DomainEventMap {
    'membership.changed': MembershipChange;
    /** An animator approved or refused a request to join a private sphere. */
    'join_request.decided': { sphereId: string; userId: string; decidedBy: string; decision: 'approved' | 'rejected' };
    'sphere_request.created': { requestId: string; parentId: string; requestedBy: string };
    'sphere_request.decided': {
      requestId: string;
      requestedBy: string;
      decidedBy: string;
      status: 'approved' | 'rejected';
      sphereId: string | null;
    };
    'role.granted': RoleChange;
    'role.revoked': RoleChange;
    /** A week before a mandate ends (scheduled when it is granted). */
    'role.expiry_due': { assignmentId: string; expiresAt: string };
    /** The reminder went out: the mandate still ends then. */
    'role.expiring': { assignmentId: string; userId: string; grantedBy: string | null; expiresAt: string };
    'charter.published': { version: number; publishedBy: string };
  }
}

const toUser = (change: MembershipChange) =>
  Live.toUser(change.userId, 'membership.changed', {
    sphereId: change.sphereId,
    role: change.role,
    status: change.status,
  });

/**
 * The structure context's domain events (DESIGN.md §1). What a user must hear of their own
 * membership or request goes through the outbox (delivered even when Redis is down at commit time);
 * taking a removed member's sockets out of the sphere happens at once, after the commit.
 */
export const StructureEvents = {
  membershipChanged(organisationId: string, change: MembershipChange): DomainEvent<'membership.changed'> {
    const leaves =
      change.role === null
        ? [Live.leaveSphere(change.userId, change.sphereId)]
        : change.role === 'member' || change.role === 'visitor' || change.status === 'muted'
          ? [Live.leaveSphere(change.userId, change.sphereId, true)]
          : [];
    // asking to join or joining an open sphere: the answer to the request says it already
    const selfService = change.change === 'joined' || change.change === 'requested';
    return {
      name: 'membership.changed',
      payload: change,
      organisationId,
      live: leaves,
      liveDurable: selfService ? [] : [toUser(change)],
    };
  },

  joinRequestDecided(
    organisationId: string,
    decided: DomainEvent<'join_request.decided'>['payload'],
    role: SphereRole,
  ): DomainEvent<'join_request.decided'> {
    const approved = decided.decision === 'approved';
    return {
      name: 'join_request.decided',
      payload: decided,
      organisationId,
      liveDurable: [
        Live.toUser(decided.userId, 'membership.changed', {
          sphereId: decided.sphereId,
          role: approved ? role : null,
          status: approved ? 'active' : 'rejected',
        }),
      ],
    };
  },

  sphereRequestDecided(
    organisationId: string,
    decided: DomainEvent<'sphere_request.decided'>['payload'],
    reason: string | null,
  ): DomainEvent<'sphere_request.decided'> {
    return {
      name: 'sphere_request.decided',
      payload: decided,
      organisationId,
      liveDurable: [
        Live.toUser(decided.requestedBy, 'sphere_request.decided', {
          requestId: decided.requestId,
          organisationId,
          status: decided.status,
          sphereId: decided.sphereId,
          reason,
        }),
      ],
    };
  },

  sphereRequestCreated(organisationId: string, created: DomainEvent<'sphere_request.created'>['payload']) {
    return {
      name: 'sphere_request.created',
      payload: created,
      organisationId,
    } as DomainEvent<'sphere_request.created'>;
  },

  roleGranted(organisationId: string, change: RoleChange): DomainEvent<'role.granted'> {
    return { name: 'role.granted', payload: change, organisationId };
  },

  roleRevoked(organisationId: string, change: RoleChange): DomainEvent<'role.revoked'> {
    return { name: 'role.revoked', payload: change, organisationId };
  },

  /** Runs a week before the mandate ends (at once when it ends sooner). */
  roleExpiryDue(organisationId: string, assignmentId: string, expiresAt: Date): DomainEvent<'role.expiry_due'> {
    const WEEK_MS = 7 * 24 * 3600 * 1000;
    return {
      name: 'role.expiry_due',
      payload: { assignmentId, expiresAt: expiresAt.toISOString() },
      organisationId,
      runAt: new Date(Math.max(Date.now(), expiresAt.getTime() - WEEK_MS)),
    };
  },

  roleExpiring(
    organisationId: string,
    expiring: DomainEvent<'role.expiring'>['payload'],
    role: OrgRole,
  ): DomainEvent<'role.expiring'> {
    const notice = { assignmentId: expiring.assignmentId, organisationId, role, expiresAt: expiring.expiresAt };
    const people = new Set([expiring.userId, expiring.grantedBy].filter((id): id is string => Boolean(id)));
    return {
      name: 'role.expiring',
      payload: expiring,
      organisationId,
      live: [...people].map((userId) => Live.toUser(userId, 'role.expiring', notice)),
    };
  },

  charterPublished(organisationId: string, version: number, publishedBy: string): DomainEvent<'charter.published'> {
    return { name: 'charter.published', payload: { version, publishedBy }, organisationId };
  },
};
