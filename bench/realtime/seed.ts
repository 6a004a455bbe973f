import { createSecretKey, randomUUID } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { Client } from 'pg';

/*
 * The data of bench:realtime, written with set-based SQL into the app's migrated database: one
 * organisation, a few public spheres (members post, moderation after the fact, so a post is published
 * and broadcast at once), and `users` users, each a member of the organisation and an active member
 * of every sphere. Nobody logs in: the access tokens are signed here as the app's TokenService does.
 */

export interface RealtimeUser {
  id: string;
  displayName: string;
  accessToken: string;
}

export interface SeededSpheres {
  organisationId: string;
  sphereIds: string[];
  users: RealtimeUser[];
}

const TOKEN_TTL_SECONDS = 24 * 3600;

export async function seedSpheres(
  databaseUrl: string,
  jwtSecret: string,
  users: number,
  spheres: number,
): Promise<SeededSpheres> {
  const ids = Array.from({ length: users }, () => randomUUID());
  const names = ids.map((_, i) => `Bench User ${i}`);
  const emails = ids.map((_, i) => `bench-realtime-${i}@example.com`);
  const organisationId = randomUUID();
  const sphereIds = Array.from({ length: spheres }, () => randomUUID());
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    // the users never log in: the hash is a placeholder (argon2 runs ~80 hashes/s on 2 cores)
    await client.query(
      `INSERT INTO users (id, email, display_name, password_hash)
       SELECT id, email, name, 'not-a-hash' FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, email, name)`,
      [ids, emails, names],
    );
    await client.query(
      `INSERT INTO organisations (id, name, slug, created_by) VALUES ($1, 'Réseau temps réel', 'reseau-temps-reel', $2)`,
      [organisationId, ids[0]],
    );
    await client.query(
      `INSERT INTO organisation_members (organisation_id, user_id) SELECT $1, id FROM unnest($2::uuid[]) AS u(id)`,
      [organisationId, ids],
    );
    await client.query(
      // materialised path: the ids from the root, '/'-terminated
      `INSERT INTO spheres (id, organisation_id, parent_id, path, depth, name, slug, description, kind, visibility,
                            posting_policy, moderation_mode, history_visible_to_newcomers)
       SELECT s.id, $2, NULL, '/' || s.id || '/', 0, 'Fil commun ' || s.n, 'fil-commun-' || s.n, 'Toute l''équipe',
              'thematic', 'public', 'members', 'post', true
         FROM unnest($1::uuid[]) WITH ORDINALITY AS s(id, n)`,
      [sphereIds, organisationId],
    );
    // no acceptance recorded: the organisation's charter_version is 0 and no sphere has an addendum, nothing to accept
    await client.query(
      `INSERT INTO memberships (sphere_id, user_id, organisation_id, role, status, joined_at)
       SELECT s.id, u.id, $2, 'member', 'active', now() FROM unnest($1::uuid[]) AS s(id), unnest($3::uuid[]) AS u(id)`,
      [sphereIds, organisationId, ids],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  const key = createSecretKey(Buffer.from(jwtSecret));
  const tokens = ids.map((id, i) => ({
    id,
    displayName: names[i],
    // the claims and algorithm of TokenService.issue (libs/identity): { sub }, HS256, iat and exp
    accessToken: sign({ sub: id }, key, { algorithm: 'HS256', expiresIn: TOKEN_TTL_SECONDS }),
  }));
  return { organisationId, sphereIds, users: tokens };
}
