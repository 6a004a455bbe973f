import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (issue 12). One row per recipient and event, keyed `(user_id, event_id)`: the event is
 * the outbox row that caused it, so a retried fan-out job inserts nothing twice, and the id a client
 * sees is the event's, the same for every recipient (one realtime emit serves a whole chunk).
 * `email` is where the item stands on the e-mail channel: `immediate`, `daily` or `weekly` while it
 * waits, `sent` once in a message, `none` when it never goes by e-mail: an item leaves a waiting state
 * exactly once, so it can never be in both an immediate e-mail and a digest. `push` likewise.
 */
export class Notifications1764000500000 implements MigrationInterface {
  name = 'Notifications1764000500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE spheres ADD COLUMN notification_level text NOT NULL DEFAULT 'all'
        CONSTRAINT spheres_notification_level_check
        CHECK (notification_level IN ('all', 'mentions_and_announcements', 'daily_digest', 'weekly_digest', 'none'));

      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        sphere_id uuid NOT NULL REFERENCES spheres (id) ON DELETE CASCADE,
        level text NOT NULL
          CHECK (level IN ('all', 'mentions_and_announcements', 'daily_digest', 'weekly_digest', 'none')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, sphere_id)
      );
      -- the fan-out reads a sphere's preferences beside its memberships
      CREATE INDEX notification_preferences_sphere_idx ON notification_preferences (sphere_id, user_id);

      CREATE TABLE notification_settings (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        email_enabled boolean NOT NULL DEFAULT true,
        -- local times in time_zone; both null: no quiet hours (may wrap past midnight: 22:00–07:00)
        quiet_start time NULL,
        quiet_end time NULL,
        time_zone text NOT NULL DEFAULT 'Europe/Paris',
        daily_email_cap int NOT NULL DEFAULT 20 CHECK (daily_email_cap BETWEEN 0 AND 1000),
        -- a permanently failing address: skipped until the address changes or the member turns e-mail on again
        email_failed_at timestamptz NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((quiet_start IS NULL) = (quiet_end IS NULL))
      );

      CREATE TABLE notifications (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN (
          'post', 'important_post', 'mention', 'comment', 'reply', 'join_request', 'join_request_decided',
          'sphere_request', 'sphere_request_decided', 'moderation_outcome', 'case_escalated',
          'role_granted', 'role_revoked', 'mandate_ending', 'charter_updated')),
        -- no foreign keys but the recipient's: their checks were 40% of a fan-out chunk's cost (bench:fanout);
        -- the list joins these LEFT, so a sphere or an actor gone shows as such
        organisation_id uuid NULL,
        sphere_id uuid NULL,
        subject_type text NOT NULL,
        subject_id uuid NULL,
        actor_id uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz NULL,
        email text NOT NULL DEFAULT 'none' CHECK (email IN ('none', 'immediate', 'daily', 'weekly', 'sent')),
        push text NOT NULL DEFAULT 'none' CHECK (push IN ('none', 'pending', 'sent')),
        -- also the list's order: event ids are UUIDv7, so newest event first is a backward scan of it
        PRIMARY KEY (user_id, event_id)
      );
      CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
      CREATE INDEX notifications_email_waiting_idx ON notifications (email, user_id, created_at)
        WHERE email IN ('immediate', 'daily', 'weekly');
      CREATE INDEX notifications_push_pending_idx ON notifications (user_id) WHERE push = 'pending';

      -- posts already announced to everyone as important (at creation or when marked): announced once
      CREATE TABLE important_post_announcements (
        post_id uuid PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
        announced_at timestamptz NOT NULL DEFAULT now()
      );

      -- every e-mail sent (its items are the notifications marked sent with it): caps count these
      CREATE TABLE notification_emails (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('immediate', 'daily', 'weekly')),
        item_count int NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX notification_emails_user_idx ON notification_emails (user_id, sent_at DESC);

      CREATE TABLE push_subscriptions (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        endpoint text NOT NULL UNIQUE,
        p256dh text NOT NULL,
        auth text NOT NULL,
        device text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_sent_at timestamptz NULL
      );
      CREATE INDEX push_subscriptions_user_idx ON push_subscriptions (user_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE push_subscriptions;
      DROP TABLE notification_emails;
      DROP TABLE important_post_announcements;
      DROP TABLE notifications;
      DROP TABLE notification_settings;
      DROP TABLE notification_preferences;
      ALTER TABLE spheres DROP COLUMN notification_level;
    `);
  }
}
