import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations, the sphere tree (materialised path of ids), scoped organisation roles, sphere
 * memberships, invitations, sphere requests, versioned charters and the audit log.
 * Every tenant-owned table carries organisation_id (DESIGN.md §1, "Tenant key").
 */
export class Structure1763790000000 implements MigrationInterface {
  name = 'Structure1763790000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE EXTENSION IF NOT EXISTS pg_trgm;

      CREATE TABLE organisations (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        sphere_creation text NOT NULL DEFAULT 'managers' CHECK (sphere_creation IN ('managers', 'on_request', 'members')),
        membership_policy text NOT NULL DEFAULT 'invitation' CHECK (membership_policy IN ('invitation', 'open')),
        charter_version integer NOT NULL DEFAULT 0,
        created_by uuid NULL REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX organisations_slug_key ON organisations (slug);

      CREATE TABLE organisation_members (
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, user_id)
      );
      CREATE INDEX organisation_members_user_idx ON organisation_members (user_id);

      CREATE TABLE spheres (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        parent_id uuid NULL REFERENCES spheres (id),
        -- ids from the root down, '/'-separated and '/'-terminated: a subtree is a path prefix
        path text NOT NULL,
        depth integer NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        description text NOT NULL DEFAULT '',
        kind text NOT NULL CHECK (kind IN ('territorial', 'thematic')),
        territory_code text NULL,
        visibility text NOT NULL CHECK (visibility IN ('public', 'private', 'secret')),
        posting_policy text NOT NULL DEFAULT 'members' CHECK (posting_policy IN ('members', 'animators')),
        moderation_mode text NOT NULL DEFAULT 'post' CHECK (moderation_mode IN ('post', 'pre', 'pre_for_newcomers')),
        history_visible_to_newcomers boolean NOT NULL DEFAULT true,
        charter_addendum text NULL,
        archived_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX spheres_org_slug_key ON spheres (organisation_id, slug);
      -- subtree queries: path LIKE '<prefix>%' within an organisation
      CREATE INDEX spheres_org_path_idx ON spheres (organisation_id, path text_pattern_ops);
      CREATE INDEX spheres_parent_idx ON spheres (parent_id);
      -- near-duplicate detection under a parent (similarity on the lower-cased name)
      CREATE INDEX spheres_name_trgm_idx ON spheres USING gin (lower(name) gin_trgm_ops);

      CREATE TABLE role_assignments (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('org_owner', 'system_manager')),
        scope_sphere_id uuid NULL REFERENCES spheres (id),
        expires_at timestamptz NULL,
        granted_by uuid NULL REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz NULL,
        revoked_by uuid NULL REFERENCES users (id) ON DELETE SET NULL
      );
      CREATE INDEX role_assignments_user_idx ON role_assignments (user_id, organisation_id) WHERE revoked_at IS NULL;
      CREATE INDEX role_assignments_org_idx ON role_assignments (organisation_id) WHERE revoked_at IS NULL;

      CREATE TABLE memberships (
        sphere_id uuid NOT NULL REFERENCES spheres (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('sphere_admin', 'animator', 'member', 'visitor')),
        status text NOT NULL CHECK (status IN ('active', 'invited', 'requested', 'muted', 'banned')),
        charter_version_accepted integer NULL,
        expires_at timestamptz NULL,
        joined_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sphere_id, user_id)
      );
      CREATE INDEX memberships_user_idx ON memberships (user_id, organisation_id);

      CREATE TABLE invitations (
        id uuid PRIMARY KEY,
        code text NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        sphere_id uuid NOT NULL REFERENCES spheres (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('animator', 'member', 'visitor')),
        max_uses integer NULL CHECK (max_uses > 0),
        uses integer NOT NULL DEFAULT 0,
        expires_at timestamptz NULL,
        created_by uuid NULL REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz NULL
      );
      CREATE UNIQUE INDEX invitations_code_key ON invitations (code);

      CREATE TABLE sphere_requests (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        parent_id uuid NOT NULL REFERENCES spheres (id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        reason text NOT NULL,
        requested_by uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
        decided_by uuid NULL REFERENCES users (id) ON DELETE SET NULL,
        decided_at timestamptz NULL,
        decision_reason text NULL,
        sphere_id uuid NULL REFERENCES spheres (id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX sphere_requests_org_idx ON sphere_requests (organisation_id, status, id);

      CREATE TABLE charters (
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        version integer NOT NULL,
        articles jsonb NOT NULL,
        published_by uuid NULL REFERENCES users (id) ON DELETE SET NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, version)
      );

      CREATE TABLE audit_log (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        actor_id uuid NULL REFERENCES users (id) ON DELETE SET NULL,
        action text NOT NULL,
        target_type text NOT NULL,
        target_id uuid NULL,
        -- path of the sphere concerned, so system managers read only their subtree's entries
        sphere_path text NULL,
        before jsonb NULL,
        after jsonb NULL,
        ip text NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX audit_log_org_idx ON audit_log (organisation_id, id DESC);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE audit_log; DROP TABLE charters; DROP TABLE sphere_requests; DROP TABLE invitations;
      DROP TABLE memberships; DROP TABLE role_assignments; DROP TABLE spheres;
      DROP TABLE organisation_members; DROP TABLE organisations;
    `);
  }
}
