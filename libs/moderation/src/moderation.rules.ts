import { AccessRules, defineSubject } from '@alveole/access';
import type { CaseStatus } from './moderation.repository';

/** The record shape the case rules look at. */
export interface ModerationCaseFacts {
  id: string;
  organisationId: string;
  sphereId: string;
  /** The sphere's path: system managers' scopes are subtrees. */
  spherePath: string;
  status: CaseStatus;
  /** Went up to the system managers (now or before its decision): they read it from then on. */
  escalated: boolean;
}

/** Reports are filed by anyone signed in; whether they may see the target is the service's question. */
export interface ReportFacts {
  reporterId: string;
}

declare module '@alveole/access' {
  interface AccessActions {
    /** Claim a case and decide it. */
    decide: true;
    /** Send an open case up to the system managers. */
    escalate: true;
    /** Ban the case's author from the organisation. */
    ban: true;
  }
  interface AccessSubjects {
    ModerationCase: ModerationCaseFacts;
    Report: ReportFacts;
  }
}

export const moderationCaseSubject = defineSubject('ModerationCase');
export const reportSubject = defineSubject('Report');

/**
 * Moderation: whoever reads a target may report it (checked on the target itself). A sphere's active
 * animators and admins read its cases and decide the open ones, or escalate them; escalated cases go
 * to the system managers whose scope covers the sphere, who read and decide them (and only them:
 * they read content only through an escalated case) and alone may ban from the organisation.
 * Instance admins moderate only as a sphere's animators.
 */
export const moderationRules: AccessRules = {
  name: 'moderation',
  define(profile, sets, { can, cannot }) {
    // cases hold content (their snapshots): instance admins read them only as the sphere's moderators
    if (profile.instanceRole === 'instance_admin') cannot('manage', 'ModerationCase');
    can('create', 'Report', { reporterId: profile.userId });
    can('read', 'ModerationCase', { sphereId: { $in: sets.moderating } });
    can(['decide', 'escalate'], 'ModerationCase', { sphereId: { $in: sets.moderating }, status: 'open' });
    for (const held of profile.orgRoles) {
      const inScope = {
        organisationId: held.organisationId,
        ...(held.scopePath ? { spherePath: { $regex: `^${held.scopePath}` } } : {}),
      };
      can('read', 'ModerationCase', { ...inScope, escalated: true });
      can(['decide', 'ban'], 'ModerationCase', { ...inScope, status: 'escalated' });
    }
  },
};
