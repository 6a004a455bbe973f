import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure (issue 15, GDPR art. 17). Content and documents can outlive their author as a "former
 * member": their author columns become nullable and SET NULL, so deleting a users row never fails on
 * them (the erasure participants decide first whether the content is kept or deleted). Each
 * organisation picks what happens to a leaving member's content; audit rows keep the act with a
 * pseudonym instead of the person.
 */
export class Erasure1764000820000 implements MigrationInterface {
  name = 'Erasure1764000820000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE organisations ADD COLUMN content_on_erasure text NOT NULL DEFAULT 'anonymise'
        CONSTRAINT organisations_content_on_erasure_check CHECK (content_on_erasure IN ('anonymise', 'delete'));
      ALTER TABLE audit_log ADD COLUMN actor_pseudonym text NULL;
      ${nullableSetNull('posts', 'author_id')}
      ${nullableSetNull('posts', 'deleted_by')}
      ${nullableSetNull('post_revisions', 'edited_by')}
      ${nullableSetNull('comments', 'author_id')}
      ${nullableSetNull('document_folders', 'created_by')}
      ${nullableSetNull('documents', 'uploaded_by')}
      ${nullableSetNull('documents', 'deleted_by')}
      ${nullableSetNull('document_versions', 'uploaded_by')}
      -- the retention job: soft-deleted posts and comments past DELETED_CONTENT_RETENTION_DAYS
      CREATE INDEX posts_deleted_idx ON posts (deleted_at) WHERE deleted_at IS NOT NULL;
      CREATE INDEX comments_deleted_idx ON comments (deleted_at) WHERE deleted_at IS NOT NULL;
      -- the retention job: audit rows and security events past their retention, oldest first
      CREATE INDEX audit_log_created_idx ON audit_log (created_at);
      CREATE INDEX security_events_occurred_idx ON security_events (occurred_at);
      CREATE INDEX notifications_read_idx ON notifications (read_at) WHERE read_at IS NOT NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX notifications_read_idx; DROP INDEX security_events_occurred_idx; DROP INDEX audit_log_created_idx;
      DROP INDEX comments_deleted_idx; DROP INDEX posts_deleted_idx;
      ALTER TABLE audit_log DROP COLUMN actor_pseudonym;
      ALTER TABLE organisations DROP COLUMN content_on_erasure;
    `);
  }
}

/** The column may be null and follows its user's deletion with null (the FK's name is Postgres's default). */
function nullableSetNull(table: string, column: string): string {
  const constraint = `${table}_${column}_fkey`;
  return `ALTER TABLE ${table} ALTER COLUMN ${column} DROP NOT NULL,
      DROP CONSTRAINT ${constraint},
      ADD CONSTRAINT ${constraint} FOREIGN KEY (${column}) REFERENCES users (id) ON DELETE SET NULL;`;
}
