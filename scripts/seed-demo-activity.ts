import { INestApplicationContext } from '@nestjs/common';
import { AuthContext } from '@alveole/access';
import { CommentsService, PostsService, ReactionsService } from '@alveole/content';
import { ChartersService, MembershipsService } from '@alveole/structure';
import { DEMO_ACCEPTANCES, DEMO_JOIN_REQUEST, DEMO_POSTS, DemoPost } from './demo-activity';
import { Lookup } from './demo-lookup';

export interface ActivityContext {
  find: Lookup;
  /** Sphere ids by slug. */
  spheres: Map<string, string>;
  userId: (email: string) => string;
  /** A fresh AuthContext for the person (access profiles are cached per context object). */
  as: (email: string) => Promise<AuthContext>;
  charterVersion: number;
  created: string[];
}

/**
 * The demo's life: charter acceptances, posts with comments and reactions, a post awaiting approval
 * and a join request, through the same services as the routes. Idempotent: an acceptance only when
 * missing, a sphere's posts only while it has none, the join request only without a membership.
 */
export async function seedActivity(app: INestApplicationContext, ctx: ActivityContext): Promise<void> {
  for (const { person, spheres } of DEMO_ACCEPTANCES) {
    for (const slug of spheres) {
      const sphereId = ctx.spheres.get(slug)!;
      // read again each time: an acceptance in one sphere covers the charter in all of them
      if ((await ctx.find.charterAccepted(ctx.userId(person))).get(sphereId)) continue;
      await app.get(ChartersService).accept(await ctx.as(person), sphereId, ctx.charterVersion);
      ctx.created.push(`charter accepted by ${person} in ${slug}`);
    }
  }

  const bySphere = new Map<string, DemoPost[]>();
  for (const post of DEMO_POSTS) bySphere.set(post.sphere, [...(bySphere.get(post.sphere) ?? []), post]);
  for (const [slug, posts] of bySphere) {
    const sphereId = ctx.spheres.get(slug)!;
    if (await ctx.find.hasPosts(sphereId)) continue;
    for (const post of posts) await createPost(app, ctx, sphereId, post);
    ctx.created.push(`${posts.length} posts in ${slug}`);
  }

  const { person, sphere } = DEMO_JOIN_REQUEST;
  const sphereId = ctx.spheres.get(sphere)!;
  if (!(await ctx.find.membership(sphereId, ctx.userId(person)))) {
    await app.get(MembershipsService).join(await ctx.as(person), sphereId);
    ctx.created.push(`join request of ${person} to ${sphere}`);
  }
}

async function createPost(app: INestApplicationContext, ctx: ActivityContext, sphereId: string, post: DemoPost) {
  const created = await app.get(PostsService).create(await ctx.as(post.author), sphereId, { body: post.body });
  const comments = app.get(CommentsService);
  for (const comment of post.comments ?? []) {
    const parent = await comments.create(await ctx.as(comment.author), created.id, { body: comment.body });
    for (const reply of comment.replies ?? [])
      await comments.create(await ctx.as(reply.author), created.id, { body: reply.body, parentId: parent.id });
  }
  for (const { person, kind } of post.reactions ?? [])
    await app.get(ReactionsService).set(await ctx.as(person), created.id, kind, true);
}
