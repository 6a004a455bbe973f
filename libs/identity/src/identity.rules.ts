import { AccessRules } from '@alveole/access';

declare module '@alveole/access' {
  interface AccessSubjects {
    Me: never;
    Session: never;
  }
}

/** Everyone signed in reads their own account and manages their own sessions. */
export const identityRules: AccessRules = {
  name: 'identity',
  define(_profile, _sets, { can }) {
    can('read', 'Me');
    can('manage', 'Session');
  },
};
