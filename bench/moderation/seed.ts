import { Client } from 'pg';

/*
 * The data of bench:moderation, set-based SQL into the app's migrated database: one organisation, national →
 * regions → local groups, and `cases` moderation cases over 180 days (ids UUIDv7 of created_at, oldest first):
 *   12% open in one busy local group (the animator's queue: ≥ 10,000 for 500 pages of 20 at 100,000 cases),
 *   40% open elsewhere,
 *   12% escalated in region 1's subtree (the regional manager's queue), 20% escalated elsewhere,
 *   16% resolved or dismissed, a third of them after going up.
 * Every kind is interleaved in time with the others, so a queue's pages are spread over the whole table.
 */

export const REGIONS = 12;
export const LOCALS_PER_REGION = 15;
export const PAGE_SIZE = 20;

export interface SeededModeration {
  organisationId: string;
  /** The busy local group (region 2) whose animator is measured. */
  busySphereId: string;
  /** Region 1, on which the manager holds a scoped system_manager mandate. */
  managedRegionId: string;
  managedRegionPath: string;
  /** Cases in each queue, counted by the rule in SQL (not by either implementation). */
  openInBusySphere: number;
  escalatedInRegion: number;
  escalatedInOrganisation: number;
}

const SPHERE_COLUMNS = `id, organisation_id, parent_id, path, depth, name, slug, description, kind, territory_code,
  visibility, posting_policy, moderation_mode, created_at`;

const uuid7 = (at: string) =>
  `(lpad(to_hex(floor(extract(epoch FROM ${at}) * 1000)::int8), 12, '0') || '7'
    || substr(replace(gen_random_uuid()::text, '-', ''), 14))::uuid`;

export async function seedModeration(
  databaseUrl: string,
  cases: number,
  animatorId: string,
  managerId: string,
): Promise<SeededModeration> {
  const client = new Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('BEGIN');
    const organisationId = (
      await client.query<{ id: string }>(
        `INSERT INTO organisations (id, name, slug, created_by)
         VALUES (gen_random_uuid(), 'Réseau national', 'reseau-national', $1) RETURNING id`,
        [managerId],
      )
    ).rows[0].id;
    await client.query(
      `WITH n AS (SELECT gen_random_uuid() AS id)
       INSERT INTO spheres (${SPHERE_COLUMNS})
       SELECT id, $1, NULL, '/' || id || '/', 0, 'National', 'national', '', 'territorial', 'FR', 'public',
              'animators', 'post', now() FROM n`,
      [organisationId],
    );
    await client.query(
      `INSERT INTO spheres (${SPHERE_COLUMNS})
       SELECT g.id, $1, root.id, root.path || g.id || '/', 1, 'Région ' || g.i, 'region-' || g.i, '', 'territorial',
              'R' || lpad(g.i::text, 2, '0'), 'public', 'members', 'post', now()
         FROM spheres root, (SELECT i, gen_random_uuid() AS id FROM generate_series(1, $2::int) i) g
        WHERE root.organisation_id = $1 AND root.depth = 0`,
      [organisationId, REGIONS],
    );
    await client.query(
      `INSERT INTO spheres (${SPHERE_COLUMNS})
       SELECT g.id, $1, region.id, region.path || g.id || '/', 2, 'Groupe ' || region.slug || '-' || g.k,
              'groupe-' || region.slug || '-' || g.k, '', 'territorial', NULL, 'public', 'members', 'post', now()
         FROM spheres region, (SELECT k, gen_random_uuid() AS id FROM generate_series(1, $2::int) k) g
        WHERE region.organisation_id = $1 AND region.depth = 1`,
      [organisationId, LOCALS_PER_REGION],
    );
    const spheres = (
      await client.query<{ id: string; path: string; slug: string; depth: number }>(
        `SELECT id, path, slug, depth FROM spheres WHERE organisation_id = $1 ORDER BY path`,
        [organisationId],
      )
    ).rows;
    const region = (slug: string) => spheres.find((s) => s.slug === slug)!;
    const managed = region('region-1');
    const busy = spheres.find((s) => s.slug === 'groupe-region-2-1')!;
    const inManaged = spheres.filter((s) => s.path.startsWith(managed.path));
    const elsewhere = spheres.filter((s) => !s.path.startsWith(managed.path));
    const locals = spheres.filter((s) => s.depth === 2 && s.id !== busy.id);

    await client.query(`INSERT INTO organisation_members (organisation_id, user_id) VALUES ($1, $2), ($1, $3)`, [
      organisationId,
      animatorId,
      managerId,
    ]);
    await client.query(
      `INSERT INTO memberships (sphere_id, user_id, organisation_id, role, status, joined_at)
       VALUES ($1, $2, $3, 'animator', 'active', now())`,
      [busy.id, animatorId, organisationId],
    );
    await client.query(
      `INSERT INTO role_assignments (id, organisation_id, user_id, role, scope_sphere_id)
       VALUES (gen_random_uuid(), $1, $2, 'system_manager', $3)`,
      [organisationId, managerId, managed.id],
    );

    // one row per i: its kind from i % 100, its sphere from the kind's list, its time from i (oldest first)
    const pick = (list: string) => `(${list})[1 + (g.i * 7919) % cardinality(${list})]`;
    await client.query(
      `INSERT INTO moderation_cases
         (id, organisation_id, sphere_id, sphere_path, kind, status, target_type, target_id, target_snapshot,
          report_count, escalated_at, escalation_reason, decided_at, decision, decision_reason, created_at, updated_at)
       SELECT ${uuid7('g.at')}, $1, s.id, s.path, 'report', k.status, 'post', g.target,
              jsonb_build_object('type', 'post', 'id', g.target,
                'body', 'Message signalé n° ' || g.i || ' : ' || repeat('un propos contraire à la charte, ', 3 + g.i % 6),
                'author', jsonb_build_object('id', g.author, 'displayName', 'Membre ' || g.i % 997),
                'createdAt', g.at - interval '2 hours'),
              1 + g.i % 4,
              CASE WHEN k.went_up THEN g.at + interval '1 hour' END,
              CASE WHEN k.went_up THEN (ARRAY['animator', 'deadline', 'author_role'])[1 + g.i % 3] END,
              CASE WHEN k.status IN ('resolved', 'dismissed') THEN g.at + interval '3 hours' END,
              CASE k.status WHEN 'resolved' THEN 'hide' WHEN 'dismissed' THEN 'dismiss' END,
              CASE WHEN k.status IN ('resolved', 'dismissed') THEN 'Décision du banc d''essai' END,
              g.at, g.at
         FROM (SELECT i, gen_random_uuid() AS target, gen_random_uuid() AS author,
                      now() - make_interval(secs => ($2::int - i) * (180 * 86400.0 / $2::int)) AS at
                 FROM generate_series(1, $2::int) i) g
         CROSS JOIN LATERAL (SELECT CASE
             WHEN g.i % 100 < 52 THEN 'open' WHEN g.i % 100 < 84 THEN 'escalated'
             WHEN g.i % 2 = 0 THEN 'resolved' ELSE 'dismissed' END AS status,
           g.i % 100 BETWEEN 52 AND 83 OR (g.i % 100 >= 84 AND g.i % 3 = 0) AS went_up) k
         CROSS JOIN LATERAL (SELECT CASE
             WHEN g.i % 100 < 12 THEN $3::uuid
             WHEN g.i % 100 < 52 THEN ${pick('$4::uuid[]')}
             WHEN g.i % 100 < 64 THEN ${pick('$5::uuid[]')}
             WHEN g.i % 100 < 84 THEN ${pick('$6::uuid[]')}
             ELSE ${pick('$7::uuid[]')} END AS id) chosen
         JOIN spheres s ON s.id = chosen.id`,
      [
        organisationId,
        cases,
        busy.id,
        locals.map((s) => s.id),
        inManaged.map((s) => s.id),
        elsewhere.map((s) => s.id),
        spheres.map((s) => s.id),
      ],
    );
    await client.query('COMMIT');
    // a fresh visibility map, so both sides get the index-only scans the queue statements rely on
    await client.query('VACUUM (ANALYZE) moderation_cases');
    await client.query('ANALYZE');

    const { rows } = await client.query<Record<'busy' | 'region' | 'organisation', number>>(
      `SELECT count(*) FILTER (WHERE sphere_id = $2 AND status = 'open')::int AS busy,
              count(*) FILTER (WHERE status = 'escalated' AND starts_with(sphere_path, $3))::int AS region,
              count(*) FILTER (WHERE status = 'escalated')::int AS organisation
         FROM moderation_cases WHERE organisation_id = $1`,
      [organisationId, busy.id, managed.path],
    );
    return {
      organisationId,
      busySphereId: busy.id,
      managedRegionId: managed.id,
      managedRegionPath: managed.path,
      openInBusySphere: rows[0].busy,
      escalatedInRegion: rows[0].region,
      escalatedInOrganisation: rows[0].organisation,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
