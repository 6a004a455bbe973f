import type { FastifyReply, FastifyRequest } from 'fastify';
import { CALLER_SQL } from '../../libs/structure/src/access-profile.sql';
import { referenceServer } from './reference-server';

/*
 * The reference for bench:http: the least code that does what the app's GET /api/v1/me does
 * (verify the HS256 access token, load the user row with the access profile in one statement, then the
 * names of the organisations and spheres in it, answer the same JSON), on the same
 * Fastify, pg and jsonwebtoken versions and with the same pool size. No Nest, no validation layer,
 * no response schema: what is left is the cost of the work itself, which the app is compared against.
 */

interface CallerRow {
  userId: string;
  email: string | null;
  username: string | null;
  displayName: string;
  instanceRole: string | null;
  organisations: string[];
  roles: Role[];
  memberships: Membership[];
}

interface Role {
  assignmentId: string;
  organisationId: string;
  role: string;
  scopeSphereId: string | null;
}

const NAMES_SQL = `
  SELECT
    (SELECT coalesce(json_agg(json_build_object('id', id, 'name', name, 'slug', slug) ORDER BY name), '[]')
       FROM organisations WHERE id = ANY($1::uuid[])) AS organisations,
    (SELECT coalesce(json_object_agg(id, name), '{}') FROM spheres WHERE id = ANY($2::uuid[])) AS spheres`;

interface Membership {
  sphereId: string;
  organisationId: string;
  role: string;
  status: string;
  mustAcceptCharter: boolean;
}

interface Names {
  organisations: { id: string; name: string; slug: string }[];
  spheres: Record<string, string>;
}

const { server, pool, authenticatedUserId, listen } = referenceServer();

server.get('/api/v1/me', async (request: FastifyRequest, reply: FastifyReply) => {
  const userId = authenticatedUserId(request.headers.authorization);
  if (!userId) return reply.code(401).send({ status: 401, title: 'Unauthorized' });
  // named statements, planned once per connection, as the app's hot paths do; the same statement as the
  // app's guard: the user row with the access profile (organisations, roles in force, memberships)
  const { rows } = await pool.query<CallerRow>({ name: 'caller', text: CALLER_SQL, values: [userId] });
  const user = rows[0];
  if (!user) return reply.code(401).send({ status: 401, title: 'Unauthorized' });
  const { organisations: organisationIds, roles, memberships } = user;
  // the same names statement as the app: organisations and spheres by name, in one round trip
  const ids = [
    ...new Set([
      ...organisationIds,
      ...roles.map((r) => r.organisationId),
      ...memberships.map((m) => m.organisationId),
    ]),
  ];
  const names =
    ids.length === 0
      ? { organisations: [], spheres: {} }
      : (
          await pool.query<Names>({
            name: 'me-names',
            text: NAMES_SQL,
            values: [ids, memberships.map((m) => m.sphereId)],
          })
        ).rows[0];
  const organisationName = new Map(names.organisations.map((o) => [o.id, o.name]));
  return {
    id: user.userId,
    email: user.email,
    username: user.username,
    displayName: user.displayName,
    instanceRole: user.instanceRole,
    organisations: names.organisations.map((o) => ({
      ...o,
      roles: roles
        .filter((r) => r.organisationId === o.id)
        .map((r) => ({ assignmentId: r.assignmentId, role: r.role, scopeSphereId: r.scopeSphereId })),
    })),
    spheres: memberships.map((m) => ({
      sphereId: m.sphereId,
      name: names.spheres[m.sphereId] ?? '',
      organisationId: m.organisationId,
      organisationName: organisationName.get(m.organisationId) ?? '',
      role: m.role,
      status: m.status,
      mustAcceptCharter: m.mustAcceptCharter,
    })),
  };
});

listen();
