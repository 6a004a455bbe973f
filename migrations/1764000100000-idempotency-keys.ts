import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `Idempotency-Key` on creating calls: the first response is kept 24 h for the same caller, key and
 * operation, so a client that retries (an offline outbox) never creates twice.
 */
export class IdempotencyKeys1764000100000 implements MigrationInterface {
  name = 'IdempotencyKeys1764000100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        key text NOT NULL,
        operation text NOT NULL,
        request_hash text NOT NULL,
        status integer NULL,
        response jsonb NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key, operation)
      );
      -- the daily sweep deletes keys older than 24 h
      CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_keys`);
  }
}
