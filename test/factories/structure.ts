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

export async function grantRole(
  t: TestApp,
  actor: TestUser,
  organisationId: string,
  body: { userId: string; role: 'org_owner' | 'system_manager'; scopeSphereId?: string; expiresAt?: string },
): Promise<{ id: string }> {
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
  const response = await t.http.put(`/api/v1/spheres/${sphereId}/members/${userId}`).set(as(actor)).send({ role });
  if (response.status !== 201 && response.status !== 200)
    throw new Error(`put member: ${response.status} ${JSON.stringify(response.body)}`);
}

export { registerUser };
