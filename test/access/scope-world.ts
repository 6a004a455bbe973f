import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * Random worlds for the read-scope property test: an organisation's sphere tree (and a second
 * organisation's), a reader with organisation roles (some expired or revoked) and memberships of
 * every role and status (some expired), and posts by the reader or someone else, published or
 * pending, older or newer than the reader's arrival.
 */
const VISIBILITIES = ['public', 'private', 'secret'] as const;
const SPHERE_ROLES = ['sphere_admin', 'animator', 'member', 'visitor'] as const;
const STATUSES = ['active', 'invited', 'requested', 'muted', 'banned'] as const;

const sphereArb = fc.record({
  parent: fc.nat(),
  visibility: fc.constantFrom(...VISIBILITIES),
  archived: fc.boolean(),
  history: fc.boolean(),
});

export const worldArb = fc.record({
  spheres: fc.array(sphereArb, { minLength: 1, maxLength: 8 }),
  otherSpheres: fc.array(sphereArb, { minLength: 1, maxLength: 3 }),
  admin: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  inOrganisation: fc.boolean(),
  inOtherOrganisation: fc.boolean(),
  roles: fc.array(
    fc.record({
      other: fc.boolean(),
      role: fc.constantFrom('org_owner', 'system_manager'),
      scope: fc.option(fc.nat(), { nil: null }),
      ended: fc.constantFrom('no', 'no', 'expired', 'revoked'),
    }),
    { maxLength: 2 },
  ),
  memberships: fc.array(
    fc.record({
      other: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      sphere: fc.nat(),
      role: fc.constantFrom(...SPHERE_ROLES),
      status: fc.constantFrom(...STATUSES),
      joinedMinutesAgo: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
      expired: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    }),
    { maxLength: 6 },
  ),
  posts: fc.array(
    fc.record({
      other: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      sphere: fc.nat(),
      byReader: fc.boolean(),
      status: fc.constantFrom('published', 'published', 'pending'),
      minutesAgo: fc.integer({ min: 0, max: 120 }),
    }),
    { maxLength: 10 },
  ),
});

export type WorldSpec = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

export interface World {
  organisationId: string;
  otherOrganisationId: string;
  reader: { userId: string; email: string; displayName: string; instanceRole: 'instance_admin' | null };
  spheres: {
    id: string;
    organisationId: string;
    path: string;
    visibility: string;
    archived: boolean;
    history: boolean;
  }[];
  posts: { id: string; sphereId: string; authorId: string; status: 'published' | 'pending'; createdAt: Date }[];
  /** The reader's join date per sphere, as the SQL reads it: coalesce(joined_at, created_at). */
  joinedAt: Map<string, Date>;
}

const minutesAgo = (now: number, minutes: number) => new Date(now - minutes * 60_000);

function tree(organisationId: string, specs: WorldSpec['spheres']): World['spheres'] {
  const spheres: World['spheres'] = [];
  specs.forEach((spec, i) => {
    const id = randomUUID();
    const parent = i === 0 || spec.parent % (i + 1) === i ? null : spheres[spec.parent % i];
    const path = `${parent?.path ?? '/'}${id}/`;
    spheres.push({
      id,
      organisationId,
      path,
      visibility: spec.visibility,
      archived: spec.archived,
      history: spec.history,
    });
  });
  return spheres;
}

/** Inserts the world (one statement per table) and says what it holds. */
export async function insertWorld(db: DataSource, spec: WorldSpec, someoneId: string): Promise<World> {
  const now = Date.now();
  const [organisationId, otherOrganisationId] = [randomUUID(), randomUUID()];
  const reader = {
    userId: randomUUID(),
    email: `reader-${randomUUID()}@example.org`,
    displayName: 'Reader',
    instanceRole: spec.admin ? ('instance_admin' as const) : null,
  };
  const main = tree(organisationId, spec.spheres);
  const other = tree(otherOrganisationId, spec.otherSpheres);
  const pick = <T>(list: T[], n: number) => list[n % list.length];
  const orgOf = (otherOrg: boolean) => (otherOrg ? otherOrganisationId : organisationId);

  const memberships = new Map<string, Record<string, unknown>>();
  for (const m of spec.memberships) {
    const sphere = pick(m.other ? other : main, m.sphere);
    memberships.set(sphere.id, {
      sphere_id: sphere.id,
      organisation_id: sphere.organisationId,
      role: m.role,
      status: m.status,
      joined_at: m.joinedMinutesAgo === null ? null : minutesAgo(now, m.joinedMinutesAgo),
      created_at: minutesAgo(now, 60),
      expires_at: m.expired ? minutesAgo(now, 1) : null,
    });
  }
  const posts: World['posts'] = spec.posts.map((p) => {
    const sphere = pick(p.other ? other : main, p.sphere);
    return {
      id: randomUUID(),
      sphereId: sphere.id,
      authorId: p.byReader ? reader.userId : someoneId,
      status: p.status as 'published' | 'pending',
      createdAt: minutesAgo(now, p.minutesAgo),
    };
  });
  const organisationOf = new Map([...main, ...other].map((s) => [s.id, s.organisationId]));

  await db.query(
    `INSERT INTO users (id, email, display_name, password_hash, instance_role) VALUES ($1, $2, $3, 'x', $4)`,
    [reader.userId, reader.email, reader.displayName, reader.instanceRole],
  );
  await db.query(
    `INSERT INTO organisations (id, name, slug) SELECT id, 'Org', 'o-' || replace(id::text, '-', '') FROM unnest($1::uuid[]) id`,
    [[organisationId, otherOrganisationId]],
  );
  const members = [spec.inOrganisation && organisationId, spec.inOtherOrganisation && otherOrganisationId];
  await db.query(`INSERT INTO organisation_members (organisation_id, user_id) SELECT unnest($1::uuid[]), $2`, [
    members.filter(Boolean),
    reader.userId,
  ]);
  await db.query(
    `INSERT INTO spheres (id, organisation_id, path, depth, name, slug, kind, visibility, archived_at, history_visible_to_newcomers)
     SELECT s.id, s."organisationId", s.path, 0, 'S', 's-' || replace(s.id::text, '-', ''), 'thematic', s.visibility,
            CASE WHEN s.archived THEN now() END, s.history
       FROM json_to_recordset($1) AS s (id uuid, "organisationId" uuid, path text, visibility text, archived boolean, history boolean)`,
    [JSON.stringify([...main, ...other])],
  );
  const roles = spec.roles.map((r) => ({
    id: randomUUID(),
    organisation_id: orgOf(r.other),
    role: r.role,
    scope_sphere_id: r.scope === null ? null : pick(r.other ? other : main, r.scope).id,
    expires_at: r.ended === 'expired' ? minutesAgo(now, 1) : null,
    revoked_at: r.ended === 'revoked' ? minutesAgo(now, 1) : null,
  }));
  await db.query(
    `INSERT INTO role_assignments (id, organisation_id, user_id, role, scope_sphere_id, expires_at, revoked_at)
     SELECT r.id, r.organisation_id, $2, r.role, r.scope_sphere_id, r.expires_at, r.revoked_at
       FROM json_to_recordset($1) AS r (id uuid, organisation_id uuid, role text, scope_sphere_id uuid,
                                        expires_at timestamptz, revoked_at timestamptz)`,
    [JSON.stringify(roles), reader.userId],
  );
  await db.query(
    `INSERT INTO memberships (sphere_id, user_id, organisation_id, role, status, joined_at, created_at, expires_at)
     SELECT m.sphere_id, $2, m.organisation_id, m.role, m.status, m.joined_at, m.created_at, m.expires_at
       FROM json_to_recordset($1) AS m (sphere_id uuid, organisation_id uuid, role text, status text,
                                        joined_at timestamptz, created_at timestamptz, expires_at timestamptz)`,
    [JSON.stringify([...memberships.values()]), reader.userId],
  );
  await db.query(
    `INSERT INTO posts (id, organisation_id, sphere_id, author_id, body, html, status, created_at)
     SELECT p.id, p.organisation_id, p."sphereId", p."authorId", 'solidarity everywhere', '<p>solidarity everywhere</p>',
            p.status, p."createdAt"
       FROM json_to_recordset($1) AS p (id uuid, organisation_id uuid, "sphereId" uuid, "authorId" uuid, status text,
                                        "createdAt" timestamptz)`,
    [JSON.stringify(posts.map((p) => ({ ...p, organisation_id: organisationOf.get(p.sphereId) })))],
  );
  const joinedAt = new Map(
    [...memberships.values()].map((m) => [m.sphere_id as string, (m.joined_at ?? m.created_at) as Date]),
  );
  return { organisationId, otherOrganisationId, reader, spheres: [...main, ...other], posts, joinedAt };
}
