import { MigrationInterface, QueryRunner } from 'typeorm';

/** The instance's brand and policies: one row, created with the defaults a fresh install shows. */
export class Instance1763796000000 implements MigrationInterface {
  name = 'Instance1763796000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE instance_settings (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        logo_url text NULL,
        favicon_url text NULL,
        colors jsonb NOT NULL,
        default_locale text NOT NULL,
        charter text NOT NULL DEFAULT '',
        registration text NOT NULL CHECK (registration IN ('open', 'invitation')),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO instance_settings (name, colors, default_locale, registration)
      VALUES ('Alveole', '{"primary":"#1d4ed8","secondary":"#0f766e","background":"#ffffff","text":"#111827"}', 'fr', 'open');
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE instance_settings`);
  }
}
