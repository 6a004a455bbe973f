import { DataSource } from 'typeorm';

/** The seed's existence checks: plain reads, so a rerun finds what a previous run made. */
export class Lookup {
  constructor(private readonly db: DataSource) {}

  async organisation(slug: string): Promise<{ id: string; charterVersion: number } | undefined> {
    const rows = (await this.db.query(
      `SELECT id, charter_version AS "charterVersion" FROM organisations WHERE slug = $1`,
      [slug],
    )) as { id: string; charterVersion: number }[];
    return rows[0];
  }

  async spheres(organisationId: string): Promise<Map<string, string>> {
    const rows = (await this.db.query(`SELECT slug, id FROM spheres WHERE organisation_id = $1`, [organisationId])) as {
      slug: string;
      id: string;
    }[];
    return new Map(rows.map((r) => [r.slug, r.id]));
  }

  async roleInForce(organisationId: string, userId: string, role: string, scopeSphereId: string | null) {
    return this.exists(
      `SELECT 1 FROM role_assignments
        WHERE organisation_id = $1 AND user_id = $2 AND role = $3 AND scope_sphere_id IS NOT DISTINCT FROM $4
          AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
      [organisationId, userId, role, scopeSphereId],
    );
  }

  membership(sphereId: string, userId: string) {
    return this.exists(`SELECT 1 FROM memberships WHERE sphere_id = $1 AND user_id = $2`, [sphereId, userId]);
  }

  sphereRequest(organisationId: string, userId: string, name: string) {
    return this.exists(`SELECT 1 FROM sphere_requests WHERE organisation_id = $1 AND requested_by = $2 AND name = $3`, [
      organisationId,
      userId,
      name,
    ]);
  }

  /** Whether the user accepted what each of their spheres asks (the current charter and addendum), by sphere id. */
  async charterAccepted(userId: string): Promise<Map<string, boolean>> {
    const rows = (await this.db.query(
      `SELECT m.sphere_id AS "sphereId",
              coalesce(om.charter_version_accepted, 0) >= o.charter_version
                AND coalesce(m.addendum_version_accepted, 0) >= s.charter_addendum_version AS accepted
         FROM memberships m JOIN organisations o ON o.id = m.organisation_id JOIN spheres s ON s.id = m.sphere_id
         LEFT JOIN organisation_members om ON om.organisation_id = m.organisation_id AND om.user_id = m.user_id
        WHERE m.user_id = $1`,
      [userId],
    )) as { sphereId: string; accepted: boolean }[];
    return new Map(rows.map((r) => [r.sphereId, r.accepted]));
  }

  hasPosts(sphereId: string) {
    return this.exists(`SELECT 1 FROM posts WHERE sphere_id = $1 LIMIT 1`, [sphereId]);
  }

  private async exists(sql: string, params: unknown[]): Promise<boolean> {
    return ((await this.db.query(sql, params)) as unknown[]).length > 0;
  }
}
