import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Members without an e-mail address (issue 15): an account has an e-mail, a username, or both. Password
 * resets by a one-time code an animator gives (no e-mail can carry it) and by an e-mailed link. Both
 * tables keep hashes only: a copy of the database resets no password.
 */
export class AccountsWithoutEmail1764000800000 implements MigrationInterface {
  name = 'AccountsWithoutEmail1764000800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
      -- users_email_key stays: NULLs are distinct, so any number of accounts may have no e-mail
      ALTER TABLE users ADD COLUMN username text NULL
        CONSTRAINT users_username_format CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,29}$');
      CREATE UNIQUE INDEX users_username_key ON users (username);
      ALTER TABLE users ADD CONSTRAINT users_email_or_username CHECK (email IS NOT NULL OR username IS NOT NULL);

      CREATE TABLE password_reset_codes (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        -- who gave it (the audit log says where); kept when the issuer's account goes, then holding nothing
        issued_by uuid NULL REFERENCES users (id) ON DELETE SET NULL,
        expires_at timestamptz NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        used_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- one live code per account: a new one replaces the previous (deleted in the same transaction)
      CREATE UNIQUE INDEX password_reset_codes_live_key ON password_reset_codes (user_id) WHERE used_at IS NULL;

      CREATE TABLE password_reset_tokens (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        -- null until the e-mail job mints the token (the request's event carries this row's id only)
        token_hash text NULL,
        expires_at timestamptz NULL,
        used_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX password_reset_tokens_hash_key ON password_reset_tokens (token_hash);
      CREATE INDEX password_reset_tokens_user_idx ON password_reset_tokens (user_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE password_reset_tokens;
      DROP TABLE password_reset_codes;
      ALTER TABLE users DROP CONSTRAINT users_email_or_username;
      ALTER TABLE users DROP COLUMN username;
      ALTER TABLE users ALTER COLUMN email SET NOT NULL;
    `);
  }
}
