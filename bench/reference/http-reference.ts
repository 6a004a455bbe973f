import { createSecretKey } from 'node:crypto';
import fastify, { FastifyReply, FastifyRequest } from 'fastify';
import { JwtPayload, verify } from 'jsonwebtoken';
import { Pool } from 'pg';

/*
 * The reference for bench:http: the least code that does what the app's GET /api/v1/me does
 * (verify the HS256 access token, load the user row by id, answer the same JSON), on the same
 * Fastify, pg and jsonwebtoken versions and with the same pool size. No Nest, no validation layer,
 * no response schema: what is left is the cost of the work itself, which the app is compared against.
 */

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  instance_role: string | null;
}

interface Role {
  assignmentId: string;
  organisationId: string;
  role: string;
  scopeSphereId: string | null;
}

const PROFILE_SQL = `
  SELECT
    (SELECT coalesce(json_agg(organisation_id), '[]') FROM organisation_members WHERE user_id = $1) AS organisations,
    (SELECT coalesce(json_agg(json_build_object(
        'assignmentId', r.id, 'organisationId', r.organisation_id, 'role', r.role,
        'scopeSphereId', r.scope_sphere_id, 'scopePath', s.path)), '[]')
       FROM role_assignments r LEFT JOIN spheres s ON s.id = r.scope_sphere_id
      WHERE r.user_id = $1 AND r.revoked_at IS NULL AND (r.expires_at IS NULL OR r.expires_at > now())) AS roles,
    (SELECT coalesce(json_agg(json_build_object(
        'sphereId', m.sphere_id, 'organisationId', m.organisation_id, 'role', m.role, 'status', m.status,
        'mustAcceptCharter', o.charter_version > coalesce(m.charter_version_accepted, 0))), '[]')
       FROM memberships m JOIN organisations o ON o.id = m.organisation_id
      WHERE m.user_id = $1 AND (m.expires_at IS NULL OR m.expires_at > now())) AS memberships`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

// a KeyObject built once, as the app does (a string makes jsonwebtoken rebuild it on every call)
const secret = createSecretKey(Buffer.from(env('JWT_SECRET')));
const pool = new Pool({
  connectionString: env('DATABASE_URL'),
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  application_name: 'alveole-bench-reference',
});
const server = fastify({ logger: false });

server.get('/health/ready', async () => {
  await pool.query('SELECT 1');
  return { status: 'ok' };
});

server.get('/api/v1/me', async (request: FastifyRequest, reply: FastifyReply) => {
  const userId = authenticatedUserId(request.headers.authorization);
  if (!userId) return reply.code(401).send({ status: 401, title: 'Unauthorized' });
  // named statements, planned once per connection, as the app's hot paths do
  const { rows } = await pool.query<UserRow>({
    name: 'principal',
    text: 'SELECT id, email, display_name, instance_role FROM users WHERE id = $1',
    values: [userId],
  });
  const user = rows[0];
  if (!user) return reply.code(401).send({ status: 401, title: 'Unauthorized' });
  // the same statement as the app's access profile (organisations, roles in force, memberships)
  const profile = await pool.query<{ organisations: string[]; roles: Role[]; memberships: unknown[] }>({
    name: 'access-profile',
    text: PROFILE_SQL,
    values: [userId],
  });
  const { organisations: organisationIds, roles, memberships } = profile.rows[0];
  const ids = [...new Set([...organisationIds, ...roles.map((r) => r.organisationId)])];
  const named =
    ids.length === 0
      ? []
      : (
          await pool.query<{ id: string; name: string; slug: string }>(
            'SELECT id, name, slug FROM organisations WHERE id = ANY($1::uuid[]) ORDER BY name',
            [ids],
          )
        ).rows;
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    instanceRole: user.instance_role,
    organisations: named.map((o) => ({
      ...o,
      roles: roles
        .filter((r) => r.organisationId === o.id)
        .map((r) => ({ assignmentId: r.assignmentId, role: r.role, scopeSphereId: r.scopeSphereId })),
    })),
    spheres: memberships,
  };
});

function authenticatedUserId(header: string | undefined): string | null {
  if (!header?.startsWith('Bearer ')) return null;
  try {
    const claims = verify(header.slice('Bearer '.length), secret, { algorithms: ['HS256'] }) as JwtPayload;
    return typeof claims.sub === 'string' && UUID.test(claims.sub) ? claims.sub : null;
  } catch {
    return null;
  }
}

async function shutdown(): Promise<void> {
  await server.close();
  await pool.end();
  process.exit(0);
}

process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());

server.listen({ host: '127.0.0.1', port: Number(env('PORT')) }).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
