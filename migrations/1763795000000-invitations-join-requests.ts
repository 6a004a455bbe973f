import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the sphere-scoped lists of the structure context: a sphere's invitations still in
 * force (newest first, keyset on id) and its pending join requests (keyset on user id).
 */
export class InvitationsJoinRequests1763795000000 implements MigrationInterface {
  name = 'InvitationsJoinRequests1763795000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX invitations_sphere_idx ON invitations (sphere_id, id) WHERE revoked_at IS NULL;
      CREATE INDEX memberships_requested_idx ON memberships (sphere_id, user_id) WHERE status = 'requested';
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX memberships_requested_idx; DROP INDEX invitations_sphere_idx;`);
  }
}
