import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents (issue 13): folders per sphere, documents with versions, each version one stored object.
 * `documents` repeats its current version's file (size, type, hash) so a folder lists in one read.
 * `stored_objects_pending` records a key before its bytes are written and loses it in the transaction
 * that records the version: a key still there after a while belongs to an upload that died half-way,
 * and the sweeper removes its bytes (no bytes without a row, no row without bytes).
 */
export class Documents1764000600000 implements MigrationInterface {
  name = 'Documents1764000600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE document_folders (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        sphere_id uuid NOT NULL REFERENCES spheres (id) ON DELETE CASCADE,
        parent_id uuid NULL REFERENCES document_folders (id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- one name per place, whatever its case
      CREATE UNIQUE INDEX document_folders_name_key
        ON document_folders (sphere_id, coalesce(parent_id, '00000000-0000-0000-0000-000000000000'), lower(name));

      CREATE TABLE documents (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        sphere_id uuid NOT NULL REFERENCES spheres (id) ON DELETE CASCADE,
        folder_id uuid NULL REFERENCES document_folders (id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
        version int NOT NULL CHECK (version >= 1),
        size bigint NOT NULL CHECK (size >= 0),
        mime_type text NOT NULL,
        sha256 text NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users (id),
        -- moderation: hidden (reported, or decided) and removed documents are seen by their uploader and the animators
        status text NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'hidden', 'removed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz NULL,
        deleted_by uuid NULL REFERENCES users (id),
        -- words of the name: 'AG-2026_budget.pdf' is found by 'budget'
        search tsvector GENERATED ALWAYS AS (to_tsvector('simple', regexp_replace(name, '[^[:alnum:]]+', ' ', 'g'))) STORED
      );
      -- a folder's listing, by name
      CREATE INDEX documents_folder_idx ON documents (sphere_id, folder_id, lower(name), id) WHERE deleted_at IS NULL;
      CREATE INDEX documents_search_idx ON documents USING gin (search) WHERE deleted_at IS NULL;
      -- the purge job: deleted documents past their retention
      CREATE INDEX documents_deleted_idx ON documents (deleted_at) WHERE deleted_at IS NOT NULL;

      CREATE TABLE document_versions (
        document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        version int NOT NULL CHECK (version >= 1),
        sphere_id uuid NOT NULL REFERENCES spheres (id) ON DELETE CASCADE,
        storage_key text NOT NULL UNIQUE,
        size bigint NOT NULL CHECK (size >= 0),
        mime_type text NOT NULL,
        sha256 text NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (document_id, version)
      );
      -- a sphere's quota: every version kept counts until its bytes are purged
      CREATE INDEX document_versions_sphere_idx ON document_versions (sphere_id) INCLUDE (size);

      CREATE TABLE stored_objects_pending (
        storage_key text PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      ALTER TABLE moderation_cases DROP CONSTRAINT moderation_cases_target_type_check;
      ALTER TABLE moderation_cases ADD CONSTRAINT moderation_cases_target_type_check
        CHECK (target_type IN ('post', 'comment', 'member', 'document'));
      ALTER TABLE reports DROP CONSTRAINT reports_target_type_check;
      ALTER TABLE reports ADD CONSTRAINT reports_target_type_check
        CHECK (target_type IN ('post', 'comment', 'member', 'document'));
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DELETE FROM reports WHERE target_type = 'document';
      DELETE FROM moderation_cases WHERE target_type = 'document';
      ALTER TABLE reports DROP CONSTRAINT reports_target_type_check;
      ALTER TABLE reports ADD CONSTRAINT reports_target_type_check
        CHECK (target_type IN ('post', 'comment', 'member'));
      ALTER TABLE moderation_cases DROP CONSTRAINT moderation_cases_target_type_check;
      ALTER TABLE moderation_cases ADD CONSTRAINT moderation_cases_target_type_check
        CHECK (target_type IN ('post', 'comment', 'member'));
      DROP TABLE stored_objects_pending;
      DROP TABLE document_versions;
      DROP TABLE documents;
      DROP TABLE document_folders;
    `);
  }
}
