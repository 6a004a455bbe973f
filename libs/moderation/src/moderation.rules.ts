import { AccessRules, defineSubject } from '@alveole/access';

/** The record shape the case rules look at. */
export interface ModerationCaseFacts {
  id: string;
  organisationId: string;
  sphereId: string;
  /** The sphere's path: system managers' scopes are subtrees. */
  spherePath: string;
}

/** Reports are filed by anyone signed in; whether they may see the target is the service's question. */
export interface ReportFacts {
  reporterId: string;
}

declare module '@alveole/access' {
  interface AccessSubjects {
    ModerationCase: ModerationCaseFacts;
    Report: ReportFacts;
  }
}

export const moderationCaseSubject = defineSubject('ModerationCase');
export const reportSubject = defineSubject('Report');

/**
 * Moderation: whoever reads a target may report it (checked on the target itself); the sphere's
 * active animators and admins read its cases, instance admins included only as such. Escalated cases for system managers come with the
 * escalation slice (issue 11).
 */
export const moderationRules: AccessRules = {
  name: 'moderation',
  define(profile, sets, { can, cannot }) {
    // cases hold content (their snapshots): instance admins read them only as the sphere's moderators
    if (profile.instanceRole === 'instance_admin') cannot('manage', 'ModerationCase');
    can('create', 'Report', { reporterId: profile.userId });
    can('read', 'ModerationCase', { sphereId: { $in: sets.moderating } });
  },
};
