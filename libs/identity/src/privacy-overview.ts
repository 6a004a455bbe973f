import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, FastQuery } from '@alveole/core';

/** The kinds of personal data the instance keeps about a person, each with why and for how long. */
export const STORED_KINDS = [
  'account',
  'sessions',
  'security_events',
  'memberships',
  'roles',
  'posts',
  'comments',
  'reactions',
  'documents',
  'reports',
  'notifications',
  'notification_preferences',
  'push_subscriptions',
  'audit_entries',
  'data_exports',
] as const;
export type StoredKind = (typeof STORED_KINDS)[number];

export interface StoredData {
  kind: StoredKind;
  /** How many records of this kind are about me now. */
  count: number;
  /** Why we keep it (the lawful basis and purpose, as a stable key the client words). */
  purpose: 'account' | 'security' | 'membership' | 'content' | 'moderation' | 'notification' | 'accountability';
  /** Days a record is kept once it is no longer needed, or null: as long as the account (or the content) exists. */
  retentionDays: number | null;
}

/**
 * GET /me/privacy: what we store about the caller, counted now. Read-only counts over the tables that
 * hold a user id (the contexts' tables are read in SQL, as for the export): one statement. Sessions are
 * logins (refresh families), not tokens: a login keeps each token it rotated through, and may have branches.
 */
const COUNTS = `
  SELECT
    1 AS account,
    (SELECT count(DISTINCT family_id) FROM refresh_tokens
      WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now())::int AS sessions,
    (SELECT count(*) FROM security_events WHERE user_id = $1)::int AS security_events,
    (SELECT count(*) FROM memberships WHERE user_id = $1)::int AS memberships,
    (SELECT count(*) FROM role_assignments WHERE user_id = $1)::int AS roles,
    (SELECT count(*) FROM posts WHERE author_id = $1)::int AS posts,
    (SELECT count(*) FROM comments WHERE author_id = $1)::int AS comments,
    (SELECT count(*) FROM reactions WHERE user_id = $1)::int AS reactions,
    (SELECT count(*) FROM document_versions WHERE uploaded_by = $1)::int AS documents,
    (SELECT count(*) FROM reports WHERE reporter_id = $1)::int AS reports,
    (SELECT count(*) FROM notifications WHERE user_id = $1)::int AS notifications,
    (SELECT count(*) FROM notification_preferences WHERE user_id = $1)::int
      + (SELECT count(*) FROM notification_settings WHERE user_id = $1)::int AS notification_preferences,
    (SELECT count(*) FROM push_subscriptions WHERE user_id = $1)::int AS push_subscriptions,
    (SELECT count(*) FROM audit_log WHERE actor_id = $1 OR target_id = $1)::int AS audit_entries,
    (SELECT count(*) FROM data_exports WHERE user_id = $1 AND status <> 'expired')::int AS data_exports`;

const PURPOSES: Record<StoredKind, StoredData['purpose']> = {
  account: 'account',
  sessions: 'security',
  security_events: 'security',
  memberships: 'membership',
  roles: 'membership',
  posts: 'content',
  comments: 'content',
  reactions: 'content',
  documents: 'content',
  reports: 'moderation',
  notifications: 'notification',
  notification_preferences: 'notification',
  push_subscriptions: 'notification',
  audit_entries: 'accountability',
  data_exports: 'account',
};

@Injectable()
export class PrivacyOverview {
  constructor(
    private readonly db: FastQuery,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async of(userId: string): Promise<StoredData[]> {
    const [counts] = await this.db.rows<Record<StoredKind, number>>(COUNTS, [userId]);
    return STORED_KINDS.map((kind) => ({
      kind,
      count: counts[kind],
      purpose: PURPOSES[kind],
      retentionDays: this.retention(kind),
    }));
  }

  private retention(kind: StoredKind): number | null {
    const { retention } = this.config;
    if (kind === 'sessions') return Math.ceil(this.config.refreshTokenTtlSeconds / 86400);
    if (kind === 'security_events') return retention.securityEventDays;
    if (kind === 'audit_entries') return retention.auditDays;
    if (kind === 'notifications') return retention.readNotificationDays; // once read
    if (kind === 'posts' || kind === 'comments') return retention.deletedContentDays; // once deleted
    if (kind === 'documents') return this.config.documents.retentionDays; // after deletion, then the bytes go
    if (kind === 'data_exports') return 7; // archives of my data, deleted a week after they are built
    return null;
  }
}
