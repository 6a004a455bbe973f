import { AccessRules } from '@alveole/access';

declare module '@alveole/access' {
  interface AccessSubjects {
    /** An export of the caller's own data: rows are always looked up by the caller's id. */
    DataExport: never;
  }
}

/** Everyone signed in may export their own data (GDPR art. 15 and 20); nobody exports someone else's. */
export const privacyRules: AccessRules = {
  name: 'privacy',
  define(_profile, _sets, { can }) {
    can('create', 'DataExport');
    can('read', 'DataExport');
  },
};
