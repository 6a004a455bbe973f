import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/core/src/database/data-source-options';

/*
 * Part 2 of bench:access, the data: one organisation whose sphere tree is national → regions → local groups,
 * plus a few thematic spheres, written with set-based SQL (a few statements, whatever the size).
 */

export const REGIONS = 20;
export const THEMATIC = 8;
/** Region (1-based) on which the regional manager holds a scoped system_manager mandate. */
export const MANAGED_REGION = 3;
/** Other users, each in the organisation with a few memberships: the tables are not the manager's alone. */
const OTHER_USERS = 300;
const MEMBERSHIPS_PER_OTHER_USER = 8;

export interface SeededTree {
  organisationId: string;
  spheres: number;
  /** Rows the regional manager may see, by the rule (not by either implementation). */
  visibleToManager: number;
}

/** Runs the migrations the way test/support/global-setup.ts does, so the tables exist before seeding. */
export async function runMigrations(databaseUrl: string): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions({ databaseUrl, databasePoolSize: 2, dataDir: '.data' }, []));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Seeds the organisation, `sphereCount` spheres, other users with memberships, and the regional manager's
 * rights: member of the organisation, system_manager scoped to region MANAGED_REGION, plus memberships
 * elsewhere (some in secret spheres, some banned or expired), an expired and a revoked mandate on
 * other regions (both must grant nothing).
 */
export async function seedSphereTree(databaseUrl: string, sphereCount: number, managerId: string): Promise<SeededTree> {
  const groups = sphereCount - 1 - REGIONS - THEMATIC;
  if (groups < REGIONS) throw new Error(`--spheres must be at least ${1 + 2 * REGIONS + THEMATIC}`);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO organisations (id, name, slug, created_by)
       VALUES (gen_random_uuid(), 'Réseau national', 'reseau-national', $1) RETURNING id`,
      [managerId],
    );
    const organisationId = rows[0].id;
    const columns = `id, organisation_id, parent_id, path, depth, name, slug, description, kind, territory_code,
                     visibility, posting_policy, moderation_mode, archived_at, created_at`;
    // national root
    await client.query(
      `WITH n AS (SELECT gen_random_uuid() AS id)
       INSERT INTO spheres (${columns})
       SELECT id, $1, NULL, '/' || id || '/', 0, 'National', 'national', 'Tout le réseau', 'territorial', 'FR',
              'public', 'animators', 'post', NULL, now() FROM n`,
      [organisationId],
    );
    // regions: public, a few private
    await client.query(
      `INSERT INTO spheres (${columns})
       SELECT g.id, $1, root.id, root.path || g.id || '/', 1, 'Région ' || g.i, 'region-' || g.i, '', 'territorial',
              'R' || lpad(g.i::text, 2, '0'), CASE WHEN g.i % 6 = 0 THEN 'private' ELSE 'public' END,
              'members', 'post', NULL, now() - make_interval(days => g.i)
         FROM spheres root, (SELECT i, gen_random_uuid() AS id FROM generate_series(1, $2::int) i) g
        WHERE root.organisation_id = $1 AND root.depth = 0`,
      [organisationId, REGIONS],
    );
    // local groups, spread evenly over the regions: 70% public, 20% private, 10% secret, 3% archived
    await client.query(
      `INSERT INTO spheres (${columns})
       SELECT g.id, $1, region.id, region.path || g.id || '/', 2, 'Groupe ' || g.k, 'groupe-' || g.k,
              'Groupe local n° ' || g.k, 'territorial', NULL,
              CASE WHEN g.k % 10 < 7 THEN 'public' WHEN g.k % 10 < 9 THEN 'private' ELSE 'secret' END,
              CASE WHEN g.k % 4 = 0 THEN 'animators' ELSE 'members' END,
              CASE WHEN g.k % 5 = 0 THEN 'pre' ELSE 'post' END,
              CASE WHEN g.k % 33 = 0 THEN now() - interval '30 days' END,
              now() - make_interval(mins => g.k)
         FROM (SELECT k, gen_random_uuid() AS id, (k - 1) % $3 + 1 AS region FROM generate_series(1, $2::int) k) g
         JOIN spheres region ON region.organisation_id = $1 AND region.slug = 'region-' || g.region`,
      [organisationId, groups, REGIONS],
    );
    // thematic spheres under the root: half secret
    await client.query(
      `INSERT INTO spheres (${columns})
       SELECT g.id, $1, root.id, root.path || g.id || '/', 1, 'Thème ' || g.i, 'theme-' || g.i, '', 'thematic', NULL,
              CASE WHEN g.i % 2 = 0 THEN 'secret' ELSE 'public' END, 'members', 'post', NULL, now()
         FROM spheres root, (SELECT i, gen_random_uuid() AS id FROM generate_series(1, $2::int) i) g
        WHERE root.organisation_id = $1 AND root.depth = 0`,
      [organisationId, THEMATIC],
    );

    // other users: in the organisation, with a few memberships each (they never log in: the hash is a placeholder)
    await client.query(
      `INSERT INTO users (id, email, display_name, password_hash)
       SELECT gen_random_uuid(), 'bench-member-' || i || '@example.com', 'Member ' || i, 'not-a-hash'
         FROM generate_series(1, $1::int) i`,
      [OTHER_USERS],
    );
    await client.query(
      `INSERT INTO organisation_members (organisation_id, user_id)
       SELECT $1, id FROM users WHERE email LIKE 'bench-member-%'`,
      [organisationId],
    );
    await client.query(
      `INSERT INTO memberships (sphere_id, user_id, organisation_id, role, status, joined_at)
       SELECT DISTINCT ON (s.id, u.id) s.id, u.id, $1, (ARRAY['member', 'member', 'animator', 'sphere_admin'])[1 + n % 4],
              (ARRAY['active', 'active', 'active', 'invited', 'muted'])[1 + n % 5], now()
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS u FROM users WHERE email LIKE 'bench-member-%') u
         CROSS JOIN generate_series(1, $2::int) n
         JOIN (SELECT id, row_number() OVER (ORDER BY path) AS rank FROM spheres WHERE organisation_id = $1) s
           ON s.rank = 1 + (u.u * 97 + n * 1009) % $3`,
      [organisationId, MEMBERSHIPS_PER_OTHER_USER, sphereCount],
    );
    await client.query(
      `INSERT INTO role_assignments (id, organisation_id, user_id, role, scope_sphere_id, granted_by)
       SELECT gen_random_uuid(), $1, u.id, 'system_manager', region.id, $2
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM users WHERE email LIKE 'bench-member-%' LIMIT $3) u
         JOIN spheres region ON region.organisation_id = $1 AND region.slug = 'region-' || u.n`,
      [organisationId, managerId, REGIONS],
    );

    // the regional manager
    await client.query(`INSERT INTO organisation_members (organisation_id, user_id) VALUES ($1, $2)`, [
      organisationId,
      managerId,
    ]);
    await client.query(
      `INSERT INTO role_assignments (id, organisation_id, user_id, role, scope_sphere_id, expires_at, revoked_at)
       SELECT gen_random_uuid(), $1, $2, 'system_manager', s.id,
              CASE WHEN s.slug = $4 THEN now() - interval '1 day' END,
              CASE WHEN s.slug = $5 THEN now() - interval '1 day' END
         FROM spheres s WHERE s.organisation_id = $1 AND s.slug IN ($3, $4, $5)`,
      [
        organisationId,
        managerId,
        `region-${MANAGED_REGION}`,
        `region-${MANAGED_REGION + 1}`,
        `region-${MANAGED_REGION + 2}`,
      ],
    );
    // memberships outside the managed region: every 40th group plus the thematic spheres; secret ones included,
    // some banned (not visible through the membership) and some expired (no longer apply)
    await client.query(
      `INSERT INTO memberships (sphere_id, user_id, organisation_id, role, status, expires_at, joined_at)
       SELECT s.id, $2, $1, (ARRAY['member', 'animator', 'sphere_admin', 'visitor'])[1 + s.n % 4],
              (ARRAY['active', 'active', 'muted', 'invited', 'requested', 'banned'])[1 + s.n % 6],
              CASE WHEN s.n % 7 = 3 THEN now() - interval '1 day' END, now()
         FROM (SELECT id, slug, row_number() OVER (ORDER BY slug) AS n FROM spheres
                WHERE organisation_id = $1 AND (kind = 'thematic' OR (depth = 2 AND substr(slug, 8)::int % 40 = 1))) s`,
      [organisationId, managerId],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');

    const visible = await client.query<{ count: string }>(
      `SELECT count(*) FROM spheres s
        WHERE s.organisation_id = $1
          AND (s.visibility IN ('public', 'private')
               OR s.path LIKE (SELECT path FROM spheres WHERE organisation_id = $1 AND slug = $3) || '%'
               OR s.id IN (SELECT sphere_id FROM memberships WHERE user_id = $2 AND status <> 'banned'
                             AND (expires_at IS NULL OR expires_at > now())))`,
      [organisationId, managerId, `region-${MANAGED_REGION}`],
    );
    const total = await client.query<{ count: string }>('SELECT count(*) FROM spheres WHERE organisation_id = $1', [
      organisationId,
    ]);
    return { organisationId, spheres: Number(total.rows[0].count), visibleToManager: Number(visible.rows[0].count) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
