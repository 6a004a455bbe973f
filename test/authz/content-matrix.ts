import { as } from '../factories/structure';
import type { Case, MatrixRow } from './matrix';
import { contentTarget, Principal, World } from './principals';

export type Reader = 'visitor' | 'member' | 'animator' | 'sphere_admin';

/**
 * The target sphere's readers (its visitor, member, animator and admin) get `readers`; everyone
 * else of the organisation, who runs it without belonging to the sphere, gets `others`: system
 * managers and owners see spheres but never their content (DESIGN.md §3), and the instance admin
 * reads content only as a member. The outsider never learns that the sphere or post exists.
 */
export function statuses(readers: Record<Reader, number>, others: number): Record<Principal, number> {
  return {
    anonymous: 401,
    outsider: 404,
    ...readers,
    manager_in_scope: others,
    manager_out_of_scope: others,
    org_owner: others,
    instance_admin: others,
  };
}

export const readers = (status: number): Record<Reader, number> => ({
  visitor: status,
  member: status,
  animator: status,
  sphere_admin: status,
});
/** Member-level writers: the visitor only reads. */
export const writers = (ok: number) => ({ ...readers(ok), visitor: 403 });
/** The sphere's animators (its admin is one too); its visitor and member only read. */
const moderators = (ok: number) => ({ ...readers(403), animator: ok, sphere_admin: ok });
/** Posts are invisible to whoever may not read them: 404, like an unknown id. */
const onPosts = (byReaders: Record<Reader, number>) => statuses(byReaders, 404);

async function postIn(w: World, sphereId: string): Promise<{ id: string; status: string }> {
  const response = await w.t.http
    .post(`/api/v1/spheres/${sphereId}/posts`)
    .set(as(w.users.member))
    .send({ body: `Matrix post ${Math.random().toString(36).slice(2)}` });
  if (response.status !== 201) throw new Error(`post: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A fresh published post by the target's member, for a call that changes the post. */
async function freshPost(w: World, suffix = '', body?: unknown): Promise<Case> {
  const post = await postIn(w, await contentTarget(w));
  return { path: `/posts/${post.id}${suffix}`, body };
}

/** One published post for calls that change nothing (built once per world: rows are slow enough). */
const reading = new WeakMap<World, Promise<{ sphereId: string; postId: string }>>();
function readingTarget(w: World): Promise<{ sphereId: string; postId: string }> {
  let found = reading.get(w);
  if (!found) {
    found = contentTarget(w).then(async (sphereId) => ({ sphereId, postId: (await postIn(w, sphereId)).id }));
    reading.set(w, found);
  }
  return found;
}
const onReadPost =
  (suffix = '') =>
  async (w: World) => ({ path: `/posts/${(await readingTarget(w)).postId}${suffix}` });

/** A post waiting for approval: its author is the target's member, in a pre-moderated sphere. */
async function pendingPost(w: World): Promise<Case> {
  const sphereId = await contentTarget(w);
  const patched = await w.t.http
    .patch(`/api/v1/spheres/${sphereId}`)
    .set(as(w.users.org_owner))
    .send({ moderationMode: 'pre' });
  if (patched.status !== 200) throw new Error(`pre-moderation: ${patched.status}`);
  const post = await postIn(w, sphereId);
  if (post.status !== 'pending') throw new Error(`expected a pending post, got ${post.status}`);
  return { path: `/posts/${post.id}/approve` };
}

export const CONTENT_MATRIX: MatrixRow[] = [
  {
    route: 'POST /spheres/:sphereId/posts',
    prepare: async (w) => ({ path: `/spheres/${await contentTarget(w)}/posts`, body: { body: 'Hello, sphere' } }),
    // those who see the sphere without reading it are told no (403); they know it exists
    expected: statuses(writers(201), 403),
  },
  {
    route: 'GET /spheres/:sphereId/posts',
    prepare: async (w) => ({ path: `/spheres/${(await readingTarget(w)).sphereId}/posts` }),
    expected: statuses(readers(200), 403),
  },
  // across the caller's own spheres: anyone signed in has a (possibly empty) feed and search
  {
    route: 'GET /feed',
    prepare: () => ({ path: '/feed' }),
    expected: { ...statuses(readers(200), 200), outsider: 200 },
  },
  {
    route: 'GET /search',
    prepare: () => ({ path: '/search?q=matrix' }),
    expected: { ...statuses(readers(200), 200), outsider: 200 },
  },
  { route: 'GET /posts/:postId', prepare: onReadPost(), expected: onPosts(readers(200)) },
  {
    route: 'PATCH /posts/:postId',
    prepare: (w) => freshPost(w, '', { body: 'Edited' }),
    // the author only
    expected: onPosts({ ...readers(403), member: 200 }),
  },
  {
    route: 'DELETE /posts/:postId',
    prepare: (w) => freshPost(w),
    // the author and the sphere's animators
    expected: onPosts({ ...moderators(204), member: 204 }),
  },
  {
    route: 'GET /posts/:postId/revisions',
    prepare: onReadPost('/revisions'),
    expected: onPosts({ ...moderators(200), member: 200 }),
  },
  { route: 'POST /posts/:postId/pin', prepare: (w) => freshPost(w, '/pin'), expected: onPosts(moderators(200)) },
  {
    route: 'POST /posts/:postId/unpin',
    prepare: async (w) => {
      const found = await freshPost(w);
      await w.t.http.post(`/api/v1${found.path}/pin`).set(as(w.users.animator)).expect(200);
      return { path: `${found.path}/unpin` };
    },
    expected: onPosts(moderators(200)),
  },
  {
    route: 'POST /posts/:postId/approve',
    prepare: pendingPost,
    // a pending post is its author's and its animators' business: the visitor does not see it
    expected: onPosts({ ...moderators(200), visitor: 404 }),
  },
  { route: 'GET /posts/:postId/comments', prepare: onReadPost('/comments'), expected: onPosts(readers(200)) },
  {
    route: 'POST /posts/:postId/comments',
    prepare: (w) => freshPost(w, '/comments', { body: 'A comment' }),
    expected: onPosts(writers(201)),
  },
  {
    route: 'PUT /posts/:postId/reactions/:kind',
    prepare: (w) => freshPost(w, '/reactions/like'),
    expected: onPosts(writers(200)),
  },
  {
    route: 'DELETE /posts/:postId/reactions/:kind',
    prepare: async (w) => {
      const found = await freshPost(w, '/reactions/like');
      // every reader who may react has reacted: the call takes a reaction away
      for (const role of ['member', 'animator', 'sphere_admin'] as const)
        await w.t.http.put(`/api/v1${found.path}`).set(as(w.users[role])).expect(200);
      return found;
    },
    expected: onPosts(writers(200)),
  },
];
