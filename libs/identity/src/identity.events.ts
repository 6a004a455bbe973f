import type { DomainEvent, RealtimeInstruction } from '@alveole/core';

export type SecurityEventKind = 'account.created' | 'refresh-token.reused' | 'login.locked' | 'password.reset';

/** Something that matters to an account's security; kept in its history (`security_events`). */
export interface SecurityEvent {
  userId: string;
  kind: SecurityEventKind;
  ip: string | null;
  occurredAt: string;
}

/** A login (refresh family) ended: signed out, or revoked because one of its refresh tokens was reused. */
export interface SessionRevoked {
  userId: string;
  sessionId: string;
  reason: 'logout' | 'revoked';
}

/** An account is gone: every session of it ends. */
export interface UserDeleted {
  userId: string;
}

/**
 * Someone asked for a reset link for an existing account: the id of the request's row only (never the
 * token, never the address). The notifications context mints the token through ResetLinkMinter and mails it.
 */
export interface PasswordResetRequested {
  requestId: string;
}

declare module '@alveole/core' {
  interface DomainEventMap {
    'password_reset.requested': PasswordResetRequested;
    'security_event.recorded': SecurityEvent;
    'session.revoked': SessionRevoked;
    'user.deleted': UserDeleted;
  }
}

/**
 * Ending sockets goes out right after the commit (`live`, on every api node through the Redis adapter)
 * and again through the outbox (`liveDurable`), so that it also happens when Redis was down at commit
 * time. Ending a socket twice does nothing more; a revoked login cannot open a new one (handshake check).
 */
function endSessions(end: Extract<RealtimeInstruction, { endSessions: unknown }>) {
  return { live: [end], liveDurable: [end] };
}

export const IdentityEvents = {
  securityEvent(userId: string, kind: SecurityEventKind, ip: string | null): DomainEvent<'security_event.recorded'> {
    return {
      name: 'security_event.recorded',
      payload: { userId, kind, ip, occurredAt: new Date().toISOString() },
      organisationId: null,
    };
  },

  sessionRevoked(userId: string, sessionId: string, reason: SessionRevoked['reason']): DomainEvent<'session.revoked'> {
    return {
      name: 'session.revoked',
      payload: { userId, sessionId, reason },
      organisationId: null,
      ...endSessions({ endSessions: { userId, sessionId }, reason }),
    };
  },

  passwordResetRequested(requestId: string): DomainEvent<'password_reset.requested'> {
    return { name: 'password_reset.requested', payload: { requestId }, organisationId: null };
  },

  /** For the account deletion to come (there is no deletion route yet): ends every socket of the user. */
  userDeleted(userId: string): DomainEvent<'user.deleted'> {
    return {
      name: 'user.deleted',
      payload: { userId },
      organisationId: null,
      ...endSessions({ endSessions: { userId, sessionId: null }, reason: 'deleted' }),
    };
  },
};
