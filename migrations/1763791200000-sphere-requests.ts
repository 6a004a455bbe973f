import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sphere requests carry the kind and visibility the requester proposes (the approver may change them);
 * the duplicate check looks at the pending requests under one parent, and the audit log is filtered
 * by target.
 */
export class SphereRequests1763791200000 implements MigrationInterface {
  name = 'SphereRequests1763791200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE sphere_requests
        ADD COLUMN kind text NULL CHECK (kind IN ('territorial', 'thematic')),
        ADD COLUMN visibility text NULL CHECK (visibility IN ('public', 'private', 'secret')),
        ADD CONSTRAINT sphere_requests_reason_length CHECK (length(reason) BETWEEN 1 AND 2000),
        ADD CONSTRAINT sphere_requests_decision_reason_length CHECK (length(decision_reason) <= 2000);
      -- similar pending requests under a parent (similarity() filters the few rows this finds)
      CREATE INDEX sphere_requests_parent_pending_idx ON sphere_requests (parent_id) WHERE status = 'pending';
      -- ?targetId= on the audit log, newest first
      CREATE INDEX audit_log_target_idx ON audit_log (organisation_id, target_id, id DESC);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX audit_log_target_idx;
      DROP INDEX sphere_requests_parent_pending_idx;
      ALTER TABLE sphere_requests
        DROP CONSTRAINT sphere_requests_decision_reason_length,
        DROP CONSTRAINT sphere_requests_reason_length,
        DROP COLUMN visibility,
        DROP COLUMN kind;
    `);
  }
}
