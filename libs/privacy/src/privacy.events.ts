import type { DomainEvent } from '@alveole/core';

declare module '@alveole/core' {
  interface DomainEventMap {
    /** Someone asked for an export of their data: the worker builds the ZIP (the id only, never who). */
    'data_export.requested': { exportId: string };
  }
}

export const PrivacyEvents = {
  exportRequested: (exportId: string): DomainEvent<'data_export.requested'> => ({
    name: 'data_export.requested',
    payload: { exportId },
    organisationId: null,
  }),
};
