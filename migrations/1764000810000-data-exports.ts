import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exports of a person's data (GDPR art. 15/20): one row per request, the ZIP's bytes in file storage
 * under `exports/<id>`, and single-use download links (only the token's hash is kept). Both tables go
 * with the person (ON DELETE CASCADE); the bytes are removed by the hourly sweep or at erasure.
 */
export class DataExports1764000810000 implements MigrationInterface {
  name = 'DataExports1764000810000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE data_exports (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'ready', 'failed', 'expired', 'downloaded')),
        storage_key text NULL,
        size bigint NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        ready_at timestamptz NULL,
        failed_at timestamptz NULL,
        downloaded_at timestamptz NULL,
        expired_at timestamptz NULL
      );
      -- one export in progress per person; also serves the daily count (user_id, requested_at)
      CREATE UNIQUE INDEX data_exports_one_pending ON data_exports (user_id) WHERE status = 'pending';
      CREATE INDEX data_exports_user_idx ON data_exports (user_id, requested_at DESC);
      -- the sweep: rows whose bytes still exist, oldest first
      CREATE INDEX data_exports_stored_idx ON data_exports (ready_at) WHERE status IN ('ready', 'downloaded');

      CREATE TABLE data_export_links (
        token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        export_id uuid NOT NULL REFERENCES data_exports(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz NULL
      );
      CREATE INDEX data_export_links_export_idx ON data_export_links (export_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE data_export_links; DROP TABLE data_exports;`);
  }
}
