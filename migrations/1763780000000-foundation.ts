import { MigrationInterface, QueryRunner } from 'typeorm';

/** Identity, refresh-token families, the durable outbox and job idempotency. */
export class Foundation1763780000000 implements MigrationInterface {
  name = 'Foundation1763780000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        instance_role text NULL CHECK (instance_role IN ('instance_admin')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_normalised CHECK (email = lower(btrim(email)))
      );
      CREATE UNIQUE INDEX users_email_key ON users (email);

      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz NULL,
        revoked_at timestamptz NULL
      );
      CREATE UNIQUE INDEX refresh_tokens_hash_key ON refresh_tokens (token_hash);
      CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
      CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

      CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        organisation_id uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        available_at timestamptz NOT NULL DEFAULT now(),
        claimed_until timestamptz NULL,
        attempts integer NOT NULL DEFAULT 0,
        last_error text NULL,
        sent_at timestamptz NULL
      );
      -- the relay only ever scans unsent rows, oldest first
      CREATE INDEX outbox_pending_idx ON outbox (available_at, id) WHERE sent_at IS NULL;

      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox_ready', '');
        RETURN NULL;
      END $$;
      CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

      CREATE TABLE processed_jobs (
        outbox_id uuid PRIMARY KEY,
        job_name text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE security_events (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind text NOT NULL,
        ip text NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX security_events_user_idx ON security_events (user_id, occurred_at DESC);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE security_events; DROP TABLE processed_jobs;
      DROP TRIGGER outbox_notify ON outbox; DROP FUNCTION outbox_notify(); DROP TABLE outbox;
      DROP TABLE refresh_tokens; DROP TABLE users;
    `);
  }
}
