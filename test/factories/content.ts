import { TestApp } from '../support/test-app';
import { as, createOrganisation, createSphere, instanceAdmin, putMember, registerUser } from './structure';
import { TestUser } from './users';

export interface TestPost {
  id: string;
  sphereId: string;
  status: 'published' | 'pending';
  body: string;
  html: string;
  pinned: boolean;
  createdAt: string;
}

/** A sphere with an owner-admin, an animator, two members and a visitor (each a fresh user). */
export async function sphereWithPeople(t: TestApp, fields: Record<string, unknown> = {}, admin?: TestUser) {
  const instance = admin ?? (await instanceAdmin(t));
  const org = await createOrganisation(t, instance);
  const sphere = await createSphere(t, instance, org.id, { visibility: 'private', ...fields });
  const [animator, member, other, visitor] = await Promise.all([
    registerUser(t.http),
    registerUser(t.http),
    registerUser(t.http),
    registerUser(t.http),
  ]);
  await putMember(t, instance, sphere.id, animator.id, 'animator');
  await putMember(t, instance, sphere.id, member.id, 'member');
  await putMember(t, instance, sphere.id, other.id, 'member');
  await putMember(t, instance, sphere.id, visitor.id, 'visitor');
  return { admin: instance, org, sphere, animator, member, other, visitor };
}

export async function createPost(
  t: TestApp,
  author: TestUser,
  sphereId: string,
  body = `Hello ${Math.random().toString(36).slice(2)}`,
): Promise<TestPost> {
  const response = await t.http.post(`/api/v1/spheres/${sphereId}/posts`).set(as(author)).send({ body });
  if (response.status !== 201) throw new Error(`create post: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/**
 * Mutes or bans a member directly in the database: those decisions belong to the moderation
 * context (its own issue); until it lands this is the only way to reach the state.
 */
export async function setMembershipStatus(t: TestApp, sphereId: string, userId: string, status: 'muted' | 'banned') {
  await t.db.query(`UPDATE memberships SET status = $3 WHERE sphere_id = $1 AND user_id = $2`, [
    sphereId,
    userId,
    status,
  ]);
}

/** Moves a post back in time (history hiding, ordering tests). */
export async function agePost(t: TestApp, postId: string, createdAt: Date) {
  await t.db.query(`UPDATE posts SET created_at = $2 WHERE id = $1`, [postId, createdAt]);
}
