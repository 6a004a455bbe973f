import { Client } from 'pg';

/*
 * The data of bench:fanout, set-based SQL into the app's migrated database: one organisation with three
 * public spheres whose members are the audiences measured (10, 10,000 and 100,000 people by default), every
 * member at the sphere's default level (`all`: in-app and an immediate e-mail each), plus the author, a
 * real registered user who animates all three. Members are fake rows (no password): nobody logs in as them.
 * Their e-mail is off: the bench measures the in-app fan-out and its realtime emits, not an SMTP server.
 */

export interface FanoutSeed {
  organisationId: string;
  /** Sphere id → its members, the author excluded. */
  spheres: { id: string; members: number }[];
}

const SPHERE_COLUMNS = `id, organisation_id, parent_id, path, depth, name, slug, description, kind, visibility, created_at`;

export async function seedFanout(databaseUrl: string, authorId: string, audiences: number[]): Promise<FanoutSeed> {
  const client = new Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const largest = Math.max(...audiences);
    await client.query(
      `INSERT INTO users (id, email, display_name, password_hash)
       SELECT gen_random_uuid(), 'member-' || i || '@bench.test', 'Membre ' || i, '!' FROM generate_series(1, $1::int) i`,
      [largest],
    );
    await client.query(
      `INSERT INTO notification_settings (user_id, email_enabled) SELECT id, false FROM users WHERE email LIKE '%@bench.test'`,
    );
    const organisationId = (
      await client.query<{ id: string }>(
        `INSERT INTO organisations (id, name, slug, created_by) VALUES (gen_random_uuid(), 'Réseau', 'reseau', $1)
         RETURNING id`,
        [authorId],
      )
    ).rows[0].id;
    await client.query(
      `INSERT INTO organisation_members (organisation_id, user_id)
       SELECT $1::uuid, id FROM users WHERE email LIKE '%@bench.test' UNION SELECT $1::uuid, $2::uuid`,
      [organisationId, authorId],
    );
    const spheres: FanoutSeed['spheres'] = [];
    for (const [index, members] of audiences.entries()) {
      const id = (
        await client.query<{ id: string }>(
          `WITH n AS (SELECT gen_random_uuid() AS id)
           INSERT INTO spheres (${SPHERE_COLUMNS})
           SELECT id, $1, NULL, '/' || id || '/', 0, 'Sphère ' || $2::int, 'sphere-' || $2::int, '', 'thematic', 'public', now()
             FROM n RETURNING id`,
          [organisationId, index + 1],
        )
      ).rows[0].id;
      // the first `members` fake users, in random id order (as real uuids are)
      await client.query(
        `INSERT INTO memberships (sphere_id, user_id, organisation_id, role, status, joined_at)
         SELECT $1::uuid, id, $2::uuid, 'member', 'active', now() FROM users
          WHERE email LIKE '%@bench.test' AND split_part(split_part(email, '@', 1), '-', 2)::int <= $3
         UNION ALL SELECT $1::uuid, $4::uuid, $2::uuid, 'animator', 'active', now()`,
        [id, organisationId, members, authorId],
      );
      spheres.push({ id, members });
    }
    await client.query('ANALYZE');
    return { organisationId, spheres };
  } finally {
    await client.end();
  }
}
