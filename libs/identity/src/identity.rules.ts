import { AccessRules } from '@alveole/access';

declare module '@alveole/access' {
  interface AccessSubjects {
    Me: never;
    Session: never;
    /** Accounts made for someone else (instance admins only, through `manage all`). */
    Account: never;
  }
}

/** Everyone signed in reads and edits their own account and manages their own sessions. */
export const identityRules: AccessRules = {
  name: 'identity',
  define(_profile, _sets, { can }) {
    can('read', 'Me');
    can('update', 'Me');
    can('manage', 'Session');
  },
};
