import type { DomainEvent } from '@alveole/core';

export type SecurityEventKind = 'account.created' | 'refresh-token.reused' | 'login.locked';

/** Something that matters to an account's security; kept in its history (`security_events`). */
export interface SecurityEvent {
  userId: string;
  kind: SecurityEventKind;
  ip: string | null;
  occurredAt: string;
}

declare module '@alveole/core' {
  interface DomainEventMap {
    'security_event.recorded': SecurityEvent;
  }
}

export const IdentityEvents = {
  securityEvent(userId: string, kind: SecurityEventKind, ip: string | null): DomainEvent<'security_event.recorded'> {
    return {
      name: 'security_event.recorded',
      payload: { userId, kind, ip, occurredAt: new Date().toISOString() },
      organisationId: null,
    };
  },
};
