import { randomBytes } from 'node:crypto';
import { TestApp } from '../support/test-app';
import { registerUser, TestUser } from './users';

/** Authorization header for a user. */
export const as = (user: Pick<TestUser, 'accessToken'>) => ({ authorization: `Bearer ${user.accessToken}` });

/** A registered user promoted to instance admin (directly in the database: there is no route for it). */
export async function instanceAdmin(t: TestApp): Promise<TestUser> {
  const admin = await registerUser(t.http);
  await t.db.query(`UPDATE users SET instance_role = 'instance_admin' WHERE id = $1`, [admin.id]);
  return admin;
}

export interface TestOrganisation {
  id: string;
  slug: string;
  owner: TestUser;
}

export async function createOrganisation(
  t: TestApp,
  admin: TestUser,
  overrides: Record<string, unknown> = {},
): Promise<TestOrganisation> {
  const owner = overrides.owner ? (overrides.owner as TestUser) : admin;
  const slug = `org-${randomBytes(4).toString('hex')}`;
  const { owner: _o, ...body } = overrides;
  const response = await t.http
    .post('/api/v1/organisations')
    .set(as(admin))
    .send({ name: `Organisation ${slug}`, slug, ownerId: owner.id, ...body });
  if (response.status !== 201)
    throw new Error(`create organisation: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.id, slug, owner };
}

export async function createSphere(
  t: TestApp,
  actor: TestUser,
  organisationId: string,
  fields: Record<string, unknown> = {},
): Promise<{ id: string; path: string; name: string }> {
  const name = (fields.name as string) ?? `Sphere ${randomBytes(3).toString('hex')}`;
  const response = await t.http
    .post(`/api/v1/organisations/${organisationId}/spheres`)
    .set(as(actor))
    .send({ kind: 'territorial', visibility: 'public', ...fields, name });
  if (response.status !== 201) throw new Error(`create sphere: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/**
 * World-building shortcut: the user enters the organisation as accepting an invitation would make them
 * (the route way is `enrol`), so that `grantRole` and `putMember` may give a fresh account a role. The
 * rule itself (nobody but an instance admin adds an outsider directly) is test/structure/consent.e2e-spec.ts.
 */
async function admitToOrganisation(t: TestApp, userId: string, where: { organisationId?: string; sphereId?: string }) {
  await t.db.query(
    `INSERT INTO organisation_members (organisation_id, user_id)
     SELECT COALESCE($1::uuid, (SELECT organisation_id FROM spheres WHERE id = $2::uuid)), $3
     ON CONFLICT DO NOTHING`,
    [where.organisationId ?? null, where.sphereId ?? null, userId],
  );
}

export async function grantRole(
  t: TestApp,
  actor: TestUser,
  organisationId: string,
  body: { userId: string; role: 'org_owner' | 'system_manager'; scopeSphereId?: string; expiresAt?: string },
): Promise<{ id: string }> {
  await admitToOrganisation(t, body.userId, { organisationId });
  const response = await t.http.post(`/api/v1/organisations/${organisationId}/roles`).set(as(actor)).send(body);
  if (response.status !== 201) throw new Error(`grant role: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function putMember(
  t: TestApp,
  actor: TestUser,
  sphereId: string,
  userId: string,
  role: 'sphere_admin' | 'animator' | 'member' | 'visitor',
): Promise<void> {
  await admitToOrganisation(t, userId, { sphereId });
  const response = await t.http.put(`/api/v1/spheres/${sphereId}/members/${userId}`).set(as(actor)).send({ role });
  if (response.status !== 201 && response.status !== 200)
    throw new Error(`put member: ${response.status} ${JSON.stringify(response.body)}`);
}

export { registerUser };

export async function requestSphere(
  t: TestApp,
  actor: TestUser,
  organisationId: string,
  fields: { parentId: string; name?: string; reason?: string; kind?: string; visibility?: string },
): Promise<{ id: string; name: string; status: string; similar: { type: string; id: string; name: string }[] }> {
  const response = await t.http
    .post(`/api/v1/organisations/${organisationId}/sphere-requests`)
    .set(as(actor))
    .send({ name: `Requested ${randomBytes(3).toString('hex')}`, reason: 'We meet every month already', ...fields });
  if (response.status !== 201) throw new Error(`request sphere: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export interface TestInvitation {
  id: string;
  code: string;
  url: string;
  role: string;
  maxUses: number | null;
  uses: number;
  expiresAt: string | null;
}

export async function createInvitation(
  t: TestApp,
  actor: TestUser,
  sphereId: string,
  body: { role?: 'animator' | 'member' | 'visitor'; maxUses?: number; expiresAt?: string } = {},
): Promise<TestInvitation> {
  const response = await t.http.post(`/api/v1/spheres/${sphereId}/invitations`).set(as(actor)).send(body);
  if (response.status !== 201)
    throw new Error(`create invitation: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/**
 * Brings users into an organisation as people come in (API.md: consent across organisations): each accepts
 * an invitation to `sphereId` made by `actor`, then leaves the sphere unless `stay` (they remain in the
 * organisation). Only then may its managers give them roles or add them to other spheres.
 */
export async function enrol(
  t: TestApp,
  actor: TestUser,
  sphereId: string,
  users: TestUser[],
  options: { stay?: boolean; role?: 'animator' | 'member' | 'visitor' } = {},
): Promise<void> {
  const invitation = await createInvitation(t, actor, sphereId, { role: options.role });
  for (const user of users) {
    const accepted = await t.http.post(`/api/v1/invitations/${invitation.code}/accept`).set(as(user));
    if (accepted.status !== 200 && accepted.status !== 201)
      throw new Error(`accept invitation: ${accepted.status} ${JSON.stringify(accepted.body)}`);
    if (options.stay) continue;
    const left = await t.http.delete(`/api/v1/spheres/${sphereId}/members/${user.id}`).set(as(user));
    if (left.status !== 204) throw new Error(`leave sphere: ${left.status} ${JSON.stringify(left.body)}`);
  }
}

/** Publishes the next charter version of an organisation (two articles by default). */
export async function publishCharter(
  t: TestApp,
  actor: TestUser,
  organisationId: string,
  articles: { title: string; text: string }[] = [
    { title: 'Respect', text: 'Be kind to one another.' },
    { title: 'Privacy', text: 'What is said here stays here.' },
  ],
): Promise<{ version: number; articles: { number: number; title: string; text: string }[] }> {
  const response = await t.http
    .put(`/api/v1/organisations/${organisationId}/charter`)
    .set(as(actor))
    .send({ articles });
  if (response.status !== 200) throw new Error(`publish charter: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** The audit entries of an organisation with this action, oldest first. */
export async function auditEntries(
  t: TestApp,
  organisationId: string,
  action: string,
): Promise<{ actor_id: string | null; target_id: string | null; before: unknown; after: unknown }[]> {
  return t.db.query(
    `SELECT actor_id, target_id, before, after FROM audit_log WHERE organisation_id = $1 AND action = $2 ORDER BY id`,
    [organisationId, action],
  );
}
