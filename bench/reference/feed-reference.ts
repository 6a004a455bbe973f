import { CALLER_SQL } from '../../libs/structure/src/access-profile.sql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { cutToAsked, feedStatement, SPHERE_FOR_READER } from '../../libs/content/src/feed.statements';
import { referenceServer, UUID } from './reference-server';

/*
 * The reference for bench:feed: the least code that answers what the app's GET /api/v1/spheres/:id/posts and
 * GET /api/v1/feed answer, with the same SQL. Per request, as the app: the HS256 token (a KeyObject built once),
 * the user row with the caller's access profile in one statement ('caller'), then for a sphere feed the sphere
 * with the reader's join date and one page statement, for the home feed one page statement. Every statement is
 * the app's own text, sent as a named prepared statement under the app's name, with the app's parameters: the
 * feed statements imported from libs/content/src/feed.statements.ts, the caller's from access-profile.sql.ts.
 * The rules are the app's, as plain JS on the profile: a sphere's content is read through an active or muted
 * membership, pending posts are seen by active animators and sphere admins. Same JSON as FeedsService.pageOf and
 * toPostResponse. No Nest, no validation layer, no CASL, no response schema.
 */

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

interface Membership {
  sphereId: string;
  role: 'sphere_admin' | 'animator' | 'member' | 'visitor';
  status: 'active' | 'invited' | 'requested' | 'muted' | 'banned';
}

interface PostRow {
  id: string;
  sphereId: string;
  authorId: string;
  authorName: string;
  body: string;
  html: string;
  status: string;
  pinned: boolean;
  important: boolean;
  attachments: unknown[];
  commentCount: number;
  reactionCounts: Record<string, number>;
  myReactions: string[];
  createdAt: Date;
  editedAt: Date | null;
  position: string;
}

interface SphereRow {
  id: string;
  historyVisibleToNewcomers: boolean;
  joinedAt: Date | null;
}

interface PageQuery {
  limit?: string;
  cursor?: string;
}

const { server, pool, authenticatedUserId, listen } = referenceServer();

const problem = (reply: FastifyReply, status: number, title: string) => reply.code(status).send({ status, title });

/** The caller's memberships in force, by the same statement as the app's guard (user row and profile together). */
async function memberships(userId: string): Promise<Membership[] | null> {
  const { rows } = await pool.query<{ memberships: Membership[] }>({
    name: 'caller',
    text: CALLER_SQL,
    values: [userId],
  });
  return rows[0]?.memberships ?? null;
}

const reads = (m: Membership) => m.status === 'active' || m.status === 'muted';
const moderates = (m: Membership) => m.status === 'active' && (m.role === 'animator' || m.role === 'sphere_admin');

server.get(
  '/api/v1/spheres/:sphereId/posts',
  async (request: FastifyRequest<{ Params: { sphereId: string }; Querystring: PageQuery }>, reply: FastifyReply) => {
    const userId = authenticatedUserId(request.headers.authorization);
    if (!userId) return problem(reply, 401, 'Unauthorized');
    const { sphereId } = request.params;
    if (!UUID.test(sphereId)) return problem(reply, 404, 'Not Found');
    const page = pageQuery(request.query);
    if (!page) return problem(reply, 400, 'Bad Request');
    const held = await memberships(userId);
    if (!held) return problem(reply, 401, 'Unauthorized');
    const membership = held.find((m) => m.sphereId === sphereId);
    const { rows: spheres } = await pool.query<SphereRow>({
      name: 'content-sphere-for-reader',
      text: SPHERE_FOR_READER,
      values: [sphereId, userId],
    });
    const sphere = spheres[0];
    // the bench reads only spheres the reader may read: one answer for every refusal is enough here
    if (!sphere || !membership || !reads(membership)) return problem(reply, 404, 'Not Found');
    const oldestVisible = sphere.historyVisibleToNewcomers || !sphere.joinedAt ? '-infinity' : sphere.joinedAt;
    const params: unknown[] = [sphereId, userId, moderates(membership), oldestVisible];
    if (page.after) params.push(page.after.t, page.after.id);
    const { name, text } = feedStatement('sphere', page.after ? 'after' : 'first', page.limit + 1);
    const { rows } = await pool.query<PostRow>({ name, text, values: params });
    return pageOf(cutToAsked(rows, page.limit + 1, !page.after), page.limit, !page.after);
  },
);

server.get('/api/v1/feed', async (request: FastifyRequest<{ Querystring: PageQuery }>, reply: FastifyReply) => {
  const userId = authenticatedUserId(request.headers.authorization);
  if (!userId) return problem(reply, 401, 'Unauthorized');
  const page = pageQuery(request.query);
  if (!page) return problem(reply, 400, 'Bad Request');
  const held = await memberships(userId);
  if (!held) return problem(reply, 401, 'Unauthorized');
  const readable = held.filter(reads).map((m) => m.sphereId);
  if (readable.length === 0) return pageOf([], page.limit, false);
  const moderated = held.filter(moderates).map((m) => m.sphereId);
  const params: unknown[] = [userId, readable, moderated];
  if (page.after) params.push(page.after.t, page.after.id);
  const { name, text } = feedStatement('home', page.after ? 'after' : 'first', page.limit + 1);
  const { rows } = await pool.query<PostRow>({ name, text, values: params });
  return pageOf(cutToAsked(rows, page.limit + 1, false), page.limit, false);
});

/** limit (1..100, default 20) and the keyset position of `cursor`, or null when either is not valid. */
function pageQuery(query: PageQuery): { limit: number; after: { t: number; id: string } | null } | null {
  const limit = query.limit === undefined ? DEFAULT_LIMIT : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return null;
  if (query.cursor === undefined) return { limit, after: null };
  try {
    const after = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')) as { t?: unknown; id?: unknown };
    if (Number.isSafeInteger(after?.t) && typeof after.id === 'string' && UUID.test(after.id)) {
      return { limit, after: { t: after.t as number, id: after.id } };
    }
  } catch {
    // not one of ours
  }
  return null;
}

const cursorOf = (post: PostRow) =>
  Buffer.from(JSON.stringify({ t: Number(post.position), id: post.id })).toString('base64url');

/** FeedsService.pageOf: pinned posts head a sphere's first page; one extra row says whether more follow. */
function pageOf(rows: PostRow[], limit: number, pinnedHead: boolean) {
  const head = pinnedHead ? rows.filter((post) => post.pinned) : [];
  const chronological = pinnedHead ? rows.filter((post) => !post.pinned) : rows;
  const kept = chronological.slice(0, limit);
  const items = head.concat(kept);
  let newest: PostRow | undefined;
  for (const post of items) if (!newest || Number(post.position) > Number(newest.position)) newest = post;
  return {
    items: items.map(toPostResponse),
    nextCursor: chronological.length > limit ? cursorOf(kept[kept.length - 1]) : null,
    sinceCursor: newest ? cursorOf(newest) : null,
  };
}

/** The app's toPostResponse: the same keys in the same order. */
function toPostResponse(post: PostRow) {
  return {
    id: post.id,
    sphereId: post.sphereId,
    author: { id: post.authorId, displayName: post.authorName },
    body: post.body,
    html: post.html,
    status: post.status,
    pinned: post.pinned,
    important: post.important,
    attachments: post.attachments,
    commentCount: post.commentCount,
    reactionCounts: post.reactionCounts,
    createdAt: post.createdAt,
    editedAt: post.editedAt,
    myReactions: post.myReactions,
  };
}

listen();
