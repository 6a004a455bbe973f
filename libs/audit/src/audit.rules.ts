import { AccessRules, defineSubject } from '@alveole/access';

declare module '@alveole/access' {
  interface AccessSubjects {
    AuditLog: { organisationId: string };
    /** The trail of the instance itself: instance admins only (`manage all`). */
    InstanceAuditLog: never;
  }
}

const auditLogRecord = defineSubject('AuditLog');
/** An organisation's audit log, for the organisation-wide read check. */
export const auditLogOf = (organisationId: string) => auditLogRecord({ organisationId });

/** Owners and system managers read their organisation's trail (each within their scope: the SQL). */
export const auditRules: AccessRules = {
  name: 'audit',
  define(profile, _sets, { can }) {
    for (const held of profile.orgRoles) can('read', 'AuditLog', { organisationId: held.organisationId });
  },
};
