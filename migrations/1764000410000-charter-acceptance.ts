import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organisation's charter is accepted once per version (organisation_members), a sphere's addendum
 * once per version of that addendum (memberships): a member of five spheres no longer accepts the same
 * text five times, and a changed addendum asks again only in its sphere.
 */
export class CharterAcceptance1764000410000 implements MigrationInterface {
  name = 'CharterAcceptance1764000410000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE organisation_members ADD COLUMN charter_version_accepted integer NULL;
      UPDATE organisation_members om SET charter_version_accepted = a.accepted
        FROM (SELECT organisation_id, user_id, max(charter_version_accepted) AS accepted
                FROM memberships GROUP BY organisation_id, user_id) a
       WHERE a.organisation_id = om.organisation_id AND a.user_id = om.user_id AND a.accepted IS NOT NULL;

      -- 0: no addendum yet; bumped by every change of a non-blank addendum
      ALTER TABLE spheres ADD COLUMN charter_addendum_version integer NOT NULL DEFAULT 0;
      -- a blank addendum is none (NULL), as the sphere settings now store it
      UPDATE spheres SET charter_addendum = NULL WHERE btrim(charter_addendum) = '';
      UPDATE spheres SET charter_addendum_version = 1 WHERE charter_addendum IS NOT NULL;

      ALTER TABLE memberships ADD COLUMN addendum_version_accepted integer NULL;
      UPDATE memberships m SET addendum_version_accepted = s.charter_addendum_version
        FROM spheres s WHERE s.id = m.sphere_id AND m.charter_version_accepted IS NOT NULL;
      ALTER TABLE memberships DROP COLUMN charter_version_accepted;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE memberships ADD COLUMN charter_version_accepted integer NULL;
      -- the organisation's acceptance held wherever the sphere asked nothing more, or its addendum was accepted
      UPDATE memberships m SET charter_version_accepted = om.charter_version_accepted
        FROM organisation_members om, spheres s
       WHERE om.organisation_id = m.organisation_id AND om.user_id = m.user_id AND s.id = m.sphere_id
         AND (m.addendum_version_accepted IS NOT NULL OR s.charter_addendum_version = 0);
      ALTER TABLE memberships DROP COLUMN addendum_version_accepted;
      ALTER TABLE spheres DROP COLUMN charter_addendum_version;
      ALTER TABLE organisation_members DROP COLUMN charter_version_accepted;
    `);
  }
}
