import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The managers' queue (issue 11): escalated cases of an organisation, newest first, keyset on id. Two
 * partial indexes over the cases that went up (a minority of all cases), measured by bench:moderation:
 * - the whole organisation (an unscoped role) reads one index range in id order;
 * - a subtree reads, for each distinct sphere path under its prefix, that path's range in id order
 *   (a skip scan: paths enumerated by seeks, each contributing at most a page), so page 500 costs what
 *   page 1 costs however the subtree's cases are spread among the organisation's. The old index on
 *   (organisation_id, status, sphere_path) could only filter a prefix, then sort every match.
 */
export class ModerationOrgQueue1764000430000 implements MigrationInterface {
  name = 'ModerationOrgQueue1764000430000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX moderation_cases_org_queue_idx;
      CREATE INDEX moderation_cases_org_queue_idx ON moderation_cases (organisation_id, status, id DESC)
        WHERE escalated_at IS NOT NULL;
      CREATE INDEX moderation_cases_scope_queue_idx
        ON moderation_cases (organisation_id, status, (sphere_path COLLATE "C"), id DESC)
        WHERE escalated_at IS NOT NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX moderation_cases_scope_queue_idx;
      DROP INDEX moderation_cases_org_queue_idx;
      CREATE INDEX moderation_cases_org_queue_idx
        ON moderation_cases (organisation_id, status, sphere_path text_pattern_ops);
    `);
  }
}
