import {
  as,
  createOrganisation,
  createSphere,
  enrol,
  grantRole,
  instanceAdmin,
  putMember,
  registerUser,
} from '../factories/structure';
import { TestUser } from '../factories/users';
import { TestApp } from '../support/test-app';

export const PRINCIPALS = [
  'anonymous',
  'outsider',
  'visitor',
  'member',
  'animator',
  'sphere_admin',
  'manager_in_scope',
  'manager_out_of_scope',
  'org_owner',
  'instance_admin',
] as const;
export type Principal = (typeof PRINCIPALS)[number];

/**
 * One organisation shaped like the design's story: national → regions A and B → groups. The
 * sphere-level principals hold their role on a fresh target sphere under region A for each case,
 * so a mutating route never changes what the next case sees.
 */
export interface World {
  t: TestApp;
  organisationId: string;
  national: string;
  regionA: string;
  regionB: string;
  groupA2: string;
  users: Record<Exclude<Principal, 'anonymous'>, TestUser>;
  admin: TestUser;
}

export async function buildWorld(t: TestApp): Promise<World> {
  const admin = await instanceAdmin(t);
  const owner = await registerUser(t.http);
  const organisation = await createOrganisation(t, admin, { owner });
  const national = await createSphere(t, owner, organisation.id, { name: 'National' });
  const regionA = await createSphere(t, owner, organisation.id, { name: 'Region A', parentId: national.id });
  const regionB = await createSphere(t, owner, organisation.id, { name: 'Region B', parentId: national.id });
  const groupA2 = await createSphere(t, owner, organisation.id, { name: 'Group A2', parentId: regionA.id });
  const [managerIn, managerOut, visitor, member, animator, sphereAdmin] = await Promise.all(
    Array.from({ length: 6 }, () => registerUser(t.http)),
  );
  // they come into the organisation through an invitation they accept, before any role (consent)
  await enrol(t, owner, national.id, [managerIn, managerOut, visitor, member, animator, sphereAdmin]);
  await grantRole(t, owner, organisation.id, {
    userId: managerIn.id,
    role: 'system_manager',
    scopeSphereId: regionA.id,
  });
  await grantRole(t, owner, organisation.id, {
    userId: managerOut.id,
    role: 'system_manager',
    scopeSphereId: regionB.id,
  });

  // the outsider owns another organisation
  const outsider = await registerUser(t.http);
  await createOrganisation(t, admin, { owner: outsider });
  const world: World = {
    t,
    admin,
    organisationId: organisation.id,
    national: national.id,
    regionA: regionA.id,
    regionB: regionB.id,
    groupA2: groupA2.id,
    users: {
      outsider,
      visitor,
      member,
      animator,
      sphere_admin: sphereAdmin,
      manager_in_scope: managerIn,
      manager_out_of_scope: managerOut,
      org_owner: owner,
      instance_admin: admin,
    },
  };
  await targetSphere(world);
  return world;
}

/** A fresh public sphere under region A where the sphere-level principals hold their roles. */
export async function targetSphere(world: World): Promise<string> {
  const { t, users } = world;
  const sphere = await createSphere(t, users.org_owner, world.organisationId, { parentId: world.regionA });
  for (const role of ['visitor', 'member', 'animator', 'sphere_admin'] as const) {
    await putMember(t, users.org_owner, sphere.id, users[role].id, role);
  }
  return sphere.id;
}

/** A user who belongs to the organisation (member of group A2) but has no role on the target. */
export async function organisationMember(world: World): Promise<TestUser> {
  const user = await registerUser(world.t.http);
  await enrol(world.t, world.users.org_owner, world.groupA2, [user], { stay: true });
  return user;
}

export function headersFor(world: World, principal: Principal): Record<string, string> {
  return principal === 'anonymous' ? {} : as(world.users[principal]);
}

/**
 * A target sphere where the sphere-level principals have accepted the organisation's current charter
 * (the charter rows publish versions, and a member who owes an acceptance may not post). Directly in
 * the database: accepting is the charter rows' subject, not this one's.
 */
export async function contentTarget(world: World): Promise<string> {
  const sphereId = await targetSphere(world);
  // the charter once per organisation member, the sphere's addendum per membership
  await world.t.db.query(
    `UPDATE organisation_members om SET charter_version_accepted = o.charter_version
       FROM organisations o, memberships m
      WHERE o.id = om.organisation_id AND m.organisation_id = om.organisation_id AND m.user_id = om.user_id
        AND m.sphere_id = $1`,
    [sphereId],
  );
  await world.t.db.query(
    `UPDATE memberships m SET addendum_version_accepted = s.charter_addendum_version
       FROM spheres s WHERE s.id = m.sphere_id AND m.sphere_id = $1`,
    [sphereId],
  );
  return sphereId;
}
