/** What a member chose to hear from one sphere (default: the sphere's own `notification_level`). */
export const NOTIFICATION_LEVELS = [
  'all',
  'mentions_and_announcements',
  'daily_digest',
  'weekly_digest',
  'none',
] as const;
export type NotificationLevel = (typeof NOTIFICATION_LEVELS)[number];

export const NOTIFICATION_KINDS = [
  'post',
  'important_post',
  'mention',
  'comment',
  'reply',
  'join_request',
  'join_request_decided',
  'sphere_request',
  'sphere_request_decided',
  'moderation_outcome',
  'case_escalated',
  'role_granted',
  'role_revoked',
  'mandate_ending',
  'charter_updated',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type SubjectType =
  'post' | 'comment' | 'membership' | 'sphere_request' | 'moderation_case' | 'role_assignment' | 'charter';

/**
 * How an item goes by e-mail, before the member's own settings (e-mail off, no address, a failing
 * address) turn it to `none`: at once, in a digest, or never.
 */
export type EmailMode = 'immediate' | 'daily' | 'weekly' | 'none';
