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

/** POST a post and hand back the raw response (for the status and problem type of a refusal). */
export function postAs(t: TestApp, author: TestUser, sphereId: string, body: Record<string, unknown>) {
  return t.http.post(`/api/v1/spheres/${sphereId}/posts`).set(as(author)).send(body);
}

/** Ids of the posts a user sees on the first page of a sphere feed, in order. */
export async function sphereFeedIds(t: TestApp, reader: TestUser, sphereId: string): Promise<string[]> {
  const response = await t.http.get(`/api/v1/spheres/${sphereId}/posts`).set(as(reader));
  if (response.status !== 200) throw new Error(`sphere feed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.items.map((post: { id: string }) => post.id);
}

export async function approvePost(t: TestApp, animator: TestUser, postId: string): Promise<TestPost> {
  const response = await t.http.post(`/api/v1/posts/${postId}/approve`).set(as(animator));
  if (response.status !== 200) throw new Error(`approve post: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** The users a post's mentions were announced to: its `post.mentioned` outbox rows, sorted. */
export async function mentionsAnnounced(t: TestApp, postId: string): Promise<string[]> {
  const rows: { userId: string }[] = await t.db.query(
    `SELECT payload->>'userId' AS "userId" FROM outbox WHERE event_name = 'post.mentioned' AND payload->>'postId' = $1`,
    [postId],
  );
  return rows.map((row) => row.userId).sort();
}

export interface TestComment {
  id: string;
  postId: string;
  parentId: string | null;
  author: { id: string; displayName: string };
  body: string;
  html: string;
  createdAt: string;
}

export function commentAs(t: TestApp, author: TestUser, postId: string, body: Record<string, unknown>) {
  return t.http.post(`/api/v1/posts/${postId}/comments`).set(as(author)).send(body);
}

export async function createComment(
  t: TestApp,
  author: TestUser,
  postId: string,
  body = `Comment ${Math.random().toString(36).slice(2)}`,
  parentId?: string,
): Promise<TestComment> {
  const response = await commentAs(t, author, postId, { body, parentId });
  if (response.status !== 201) throw new Error(`create comment: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Moves comments to one instant (ordering and tie-break tests). */
export async function ageComments(t: TestApp, commentIds: string[], createdAt: Date) {
  await t.db.query(`UPDATE comments SET created_at = $2 WHERE id = ANY($1::uuid[])`, [commentIds, createdAt]);
}

export async function react(t: TestApp, user: TestUser, postId: string, kind = 'like') {
  const response = await t.http.put(`/api/v1/posts/${postId}/reactions/${kind}`).set(as(user));
  if (response.status !== 200) throw new Error(`react: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { postId: string; reactionCounts: Record<string, number>; myReactions: string[] };
}

export async function pinPost(t: TestApp, animator: TestUser, postId: string): Promise<TestPost> {
  const response = await t.http.post(`/api/v1/posts/${postId}/pin`).set(as(animator));
  if (response.status !== 200) throw new Error(`pin post: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/**
 * Follows `nextCursor` from `path` (which may hold a query string) to the last page; returns the
 * pages' items. Stops with an error past `maxPages`, so a cursor that loops fails the test.
 */
export async function walkPages<T>(t: TestApp, reader: TestUser, path: string, maxPages = 50): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const url: string = cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path;
    const response = await t.http.get(url).set(as(reader));
    if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${JSON.stringify(response.body)}`);
    pages.push(response.body.items);
    cursor = response.body.nextCursor;
    if (pages.length > maxPages) throw new Error(`more than ${maxPages} pages from ${path}`);
  } while (cursor);
  return pages;
}

/** A cursor of the right shape whose values the client made up. */
export const forgedCursor = (position: Record<string, unknown>) =>
  Buffer.from(JSON.stringify(position)).toString('base64url');
