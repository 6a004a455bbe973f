import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * White label: the instance's single settings row becomes the default brand of a `brands` table, beside
 * which extra brands are bound to host names (and optionally to one organisation). Images are stored
 * re-encoded, addressed by the hash of their bytes (immutable URLs). Any change to these tables notifies
 * `brands_changed`, so every api node drops its cached brands, even after an edit made by hand in SQL.
 */
export class Brands1764000700000 implements MigrationInterface {
  name = 'Brands1764000700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE brand_images (
        id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{32}$'),
        width integer NOT NULL,
        height integer NOT NULL,
        bytes bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE brands (
        id uuid PRIMARY KEY,
        is_default boolean NOT NULL DEFAULT false,
        organisation_id uuid NULL UNIQUE REFERENCES organisations(id) ON DELETE SET NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        short_name text NOT NULL CHECK (length(short_name) BETWEEN 1 AND 30),
        logo jsonb NULL,
        favicon jsonb NULL,
        colors jsonb NOT NULL,
        default_locale text NOT NULL CHECK (default_locale IN ('fr', 'en')),
        welcome_text text NOT NULL DEFAULT '' CHECK (length(welcome_text) <= 2000),
        charter text NOT NULL DEFAULT '' CHECK (length(charter) <= 50000),
        terms_url text NULL,
        privacy_url text NULL,
        contact_url text NULL,
        email_sender_name text NULL,
        email_sender_address text NULL,
        registration text NOT NULL CHECK (registration IN ('open', 'invitation_only', 'closed')),
        powered_by boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX brands_one_default ON brands ((true)) WHERE is_default;
      CREATE TABLE brand_hosts (
        host text PRIMARY KEY CHECK (host = lower(host) AND length(host) BETWEEN 1 AND 253),
        brand_id uuid NOT NULL REFERENCES brands(id) ON DELETE CASCADE
      );
      CREATE INDEX brand_hosts_brand ON brand_hosts (brand_id);

      INSERT INTO brands (id, is_default, name, short_name, colors, default_locale, charter, registration, updated_at)
      SELECT gen_random_uuid(), true, name, left(name, 30), colors,
             CASE WHEN default_locale = 'en' THEN 'en' ELSE 'fr' END, charter,
             CASE registration WHEN 'invitation' THEN 'invitation_only' ELSE registration END, updated_at
        FROM instance_settings WHERE id = 1;
      DROP TABLE instance_settings;

      -- what instance admins do to the instance itself (its brands) belongs to no organisation
      ALTER TABLE audit_log ALTER COLUMN organisation_id DROP NOT NULL;
      CREATE INDEX audit_log_instance_idx ON audit_log (id DESC) WHERE organisation_id IS NULL;

      CREATE FUNCTION notify_brands_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('brands_changed', '');
        RETURN NULL;
      END $$;
      CREATE TRIGGER brands_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON brands
        FOR EACH STATEMENT EXECUTE FUNCTION notify_brands_changed();
      CREATE TRIGGER brand_hosts_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON brand_hosts
        FOR EACH STATEMENT EXECUTE FUNCTION notify_brands_changed();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX audit_log_instance_idx;
      DELETE FROM audit_log WHERE organisation_id IS NULL;
      ALTER TABLE audit_log ALTER COLUMN organisation_id SET NOT NULL;
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
      INSERT INTO instance_settings (name, colors, default_locale, charter, registration, updated_at)
      SELECT name, colors, default_locale, charter,
             CASE registration WHEN 'open' THEN 'open' ELSE 'invitation' END, updated_at
        FROM brands WHERE is_default;
      DROP TABLE brand_hosts;
      DROP TABLE brands;
      DROP TABLE brand_images;
      DROP FUNCTION notify_brands_changed();
    `);
  }
}
