import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Moderation (DESIGN.md §2): reports, and the cases they group into (one open case per target),
 * with the case's history. Targets are not foreign keys: a case outlives the post it is about.
 */
export class Moderation1764000300000 implements MigrationInterface {
  name = 'Moderation1764000300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE moderation_cases (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        sphere_id uuid NOT NULL REFERENCES spheres (id) ON DELETE CASCADE,
        -- the sphere's path when the case opened: system managers read the cases of their subtree
        sphere_path text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('report', 'approval')),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed', 'escalated')),
        target_type text NOT NULL CHECK (target_type IN ('post', 'comment', 'member')),
        target_id uuid NOT NULL,
        -- the target as first reported: later edits do not erase the evidence
        target_snapshot jsonb NOT NULL,
        report_count int NOT NULL DEFAULT 0 CHECK (report_count >= 0),
        claimed_by uuid NULL REFERENCES users (id) ON DELETE SET NULL,
        claimed_until timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- one open case per target: a report joins it, or opens it
      CREATE UNIQUE INDEX moderation_cases_open_target_idx ON moderation_cases (target_type, target_id)
        WHERE status = 'open';
      -- a sphere's queue by status, newest first, keyset on the UUIDv7 id
      CREATE INDEX moderation_cases_sphere_queue_idx ON moderation_cases (sphere_id, status, id DESC);
      -- a manager's queue: the organisation's cases in a subtree (sphere_path prefix)
      CREATE INDEX moderation_cases_org_queue_idx
        ON moderation_cases (organisation_id, status, sphere_path text_pattern_ops);

      CREATE TABLE reports (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        sphere_id uuid NOT NULL REFERENCES spheres (id) ON DELETE CASCADE,
        case_id uuid NOT NULL REFERENCES moderation_cases (id) ON DELETE CASCADE,
        reporter_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        target_type text NOT NULL CHECK (target_type IN ('post', 'comment', 'member')),
        target_id uuid NOT NULL,
        -- a charter article of the version in force (charter_version), or a category
        charter_version int NULL,
        article int NULL CHECK (article >= 1),
        category text NULL
          CHECK (category IN ('harassment', 'spam', 'off_charter', 'illegal', 'personal_data', 'other')),
        note text NULL CHECK (length(note) <= 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((article IS NULL) <> (category IS NULL)),
        CHECK ((article IS NULL) = (charter_version IS NULL))
      );
      CREATE UNIQUE INDEX reports_reporter_target_idx ON reports (reporter_id, target_type, target_id);
      CREATE INDEX reports_case_idx ON reports (case_id, created_at, id);

      CREATE TABLE moderation_case_events (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES moderation_cases (id) ON DELETE CASCADE,
        actor_id uuid NULL REFERENCES users (id) ON DELETE SET NULL,
        kind text NOT NULL,
        detail jsonb NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX moderation_case_events_case_idx ON moderation_case_events (case_id, created_at, id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE moderation_case_events; DROP TABLE reports; DROP TABLE moderation_cases;`);
  }
}
