import { MigrationInterface, QueryRunner } from 'typeorm';

/** The language a user chose (a BCP 47 tag such as `fr` or `pt-BR`); null follows the browser. */
export class UserLocale1764000200000 implements MigrationInterface {
  name = 'UserLocale1764000200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE users ADD COLUMN locale text NULL
        CONSTRAINT users_locale_check CHECK (locale ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$')
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN locale`);
  }
}
