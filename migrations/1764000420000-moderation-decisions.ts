import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Moderation decisions (issue 11): escalation, decisions on cases, per-sphere settings (auto-hide
 * threshold, deadline), timed mutes and bans from an organisation.
 */
export class ModerationDecisions1764000420000 implements MigrationInterface {
  name = 'ModerationDecisions1764000420000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE moderation_cases
        -- whose conduct the case is about: the target's author, or the reported member
        ADD COLUMN author_id uuid NULL REFERENCES users (id) ON DELETE SET NULL,
        ADD COLUMN escalated_at timestamptz NULL,
        ADD COLUMN escalation_reason text NULL CHECK (escalation_reason IN ('author_role', 'animator', 'deadline')),
        -- when an open case goes up to the system managers if nobody decided it
        ADD COLUMN deadline_at timestamptz NULL,
        ADD COLUMN decided_at timestamptz NULL,
        ADD COLUMN decided_by uuid NULL REFERENCES users (id) ON DELETE SET NULL,
        ADD COLUMN decision text NULL CHECK (decision IN
          ('dismiss', 'hide', 'remove', 'restore', 'approve', 'warn', 'mute', 'remove_member', 'ban')),
        ADD COLUMN decision_reason text NULL CHECK (length(decision_reason) <= 2000),
        ADD COLUMN mute_hours int NULL CHECK (mute_hours > 0),
        ADD CHECK ((decided_at IS NULL) = (status IN ('open', 'escalated'))),
        ADD CHECK ((escalated_at IS NULL) = (escalation_reason IS NULL));
      -- the outcomes a member reads about their own conduct
      CREATE INDEX moderation_cases_author_idx ON moderation_cases (author_id, decided_at DESC) WHERE decided_at IS NOT NULL;
      UPDATE moderation_cases c SET author_id = (c.target_snapshot -> 'author' ->> 'id')::uuid
        WHERE c.target_snapshot -> 'author' ->> 'id' IS NOT NULL;

      -- an escalated case is still the target's one undecided case: new reports join it
      DROP INDEX moderation_cases_open_target_idx;
      CREATE UNIQUE INDEX moderation_cases_open_target_idx ON moderation_cases (target_type, target_id)
        WHERE status IN ('open', 'escalated');

      CREATE TABLE sphere_moderation_settings (
        sphere_id uuid PRIMARY KEY REFERENCES spheres (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        -- distinct reporters that hide a post or comment until a decision; 0: never automatically
        hide_threshold int NOT NULL DEFAULT 3 CHECK (hide_threshold BETWEEN 0 AND 100),
        -- hours an open case waits before it goes up to the system managers; null: the instance default
        deadline_hours int NULL CHECK (deadline_hours BETWEEN 1 AND 720),
        updated_by uuid NULL REFERENCES users (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- a mute ends by itself: the access profile reads a past muted_until as active
      ALTER TABLE memberships ADD COLUMN muted_until timestamptz NULL;

      CREATE TABLE organisation_bans (
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        banned_by uuid NULL REFERENCES users (id) ON DELETE SET NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, user_id)
      );
      CREATE INDEX organisation_bans_user_idx ON organisation_bans (user_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE organisation_bans;
      ALTER TABLE memberships DROP COLUMN muted_until;
      DROP TABLE sphere_moderation_settings;
      DROP INDEX moderation_cases_open_target_idx;
      CREATE UNIQUE INDEX moderation_cases_open_target_idx ON moderation_cases (target_type, target_id)
        WHERE status = 'open';
      ALTER TABLE moderation_cases DROP COLUMN author_id, DROP COLUMN escalated_at, DROP COLUMN escalation_reason,
        DROP COLUMN deadline_at, DROP COLUMN decided_at, DROP COLUMN decided_by, DROP COLUMN decision,
        DROP COLUMN decision_reason, DROP COLUMN mute_hours;
    `);
  }
}
