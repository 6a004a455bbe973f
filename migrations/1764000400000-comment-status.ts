import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A comment's moderation status, like a post's (minus `pending`: comments are never pre-moderated).
 * Hidden comments are listed to their author and the sphere's moderators, removed ones to the
 * moderators only; a post's comment_count counts published comments.
 */
export class CommentStatus1764000400000 implements MigrationInterface {
  name = 'CommentStatus1764000400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE comments ADD COLUMN status text NOT NULL DEFAULT 'published'
        CONSTRAINT comments_status_check CHECK (status IN ('published', 'hidden', 'removed'))
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE comments DROP COLUMN status`);
  }
}
