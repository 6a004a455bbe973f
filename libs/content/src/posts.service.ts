import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext, postSubject } from '@alveole/access';
import { AppException, JobName, newId, OutboxWriter } from '@alveole/core';
import { AccessProfiles, AuditWriter } from '@alveole/structure';
import {
  allowedOnPost,
  assertCharterAccepted,
  assertMayPost,
  readablePost,
  readableSphere,
  seesPendingPosts,
} from './content-guards';
import { ContentErrors } from './content.errors';
import { ContentEvents } from './content.events';
import { MarkdownRenderer } from './markdown-renderer';
import { MentionsRepository } from './mentions.repository';
import { PostView } from './post-view';
import { PostRevision, PostsRepository } from './posts.repository';

export interface CreatePost {
  body: string;
  attachmentIds?: string[];
}

export interface EditPost {
  body?: string;
  important?: boolean;
}

/** In `pre_for_newcomers` spheres, a member's first posts wait for an animator. */
export const NEWCOMER_POSTS = 3;

/** Writing posts: create (with the sphere's rules), edit with history, delete (soft), read one. */
@Injectable()
export class PostsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly posts: PostsRepository,
    private readonly mentions: MentionsRepository,
    private readonly access: AccessProfiles,
    private readonly markdown: MarkdownRenderer,
    private readonly outbox: OutboxWriter,
    private readonly events: ContentEvents,
    private readonly audit: AuditWriter,
  ) {}

  async create(auth: AuthContext, sphereId: string, input: CreatePost): Promise<PostView> {
    const { ability, profile } = await this.access.of(auth);
    const sphere = readableSphere(ability, await this.posts.sphereForReader(sphereId, auth.userId));
    assertMayPost(ability, profile, sphere);
    // documents do not exist yet: no id can name one of this sphere's documents
    if (input.attachmentIds?.length) throw ContentErrors.unknownAttachments();
    const html = this.markdown.render(input.body);
    // the sphere's animators, not system managers who happen to be members (their posts wait like anyone's)
    const moderates = seesPendingPosts(ability, sphere);
    const post = await this.dataSource.transaction(async (manager) => {
      const status = (await this.needsApproval(manager, sphere.moderationMode, sphereId, auth.userId, moderates))
        ? 'pending'
        : 'published';
      const id = newId();
      const { organisationId } = sphere;
      await this.posts.insert(manager, {
        id,
        organisationId,
        sphereId,
        authorId: auth.userId,
        body: input.body,
        html,
        status,
      });
      await this.recordMentions(manager, { id, organisationId, sphereId, authorId: auth.userId, status }, input.body);
      return (await this.posts.view(id, auth.userId, manager))!;
    });
    this.events.postCreated(post);
    return post;
  }

  async get(auth: AuthContext, postId: string): Promise<PostView> {
    const { ability } = await this.access.of(auth);
    readablePost(ability, await this.posts.findRecord(postId, auth.userId));
    return (await this.posts.view(postId, auth.userId))!;
  }

  /** The author edits the body; animators set `important`. Each body change keeps the previous one. */
  async edit(auth: AuthContext, postId: string, input: EditPost): Promise<PostView> {
    if (input.body === undefined && input.important === undefined) throw ContentErrors.emptyEdit();
    const { ability, profile } = await this.access.of(auth);
    const found = await this.posts.findRecord(postId, auth.userId);
    if (input.body !== undefined) allowedOnPost(ability, 'update', found);
    if (input.important !== undefined) allowedOnPost(ability, 'moderate', found);
    if (input.body !== undefined) assertCharterAccepted(profile, found!.sphereId);
    const html = input.body === undefined ? undefined : this.markdown.render(input.body);
    const post = await this.dataSource.transaction(async (manager) => {
      const locked = readablePost(ability, await this.posts.findRecord(postId, auth.userId, manager));
      if (input.body !== undefined && input.body !== locked.body) {
        await this.posts.edit(manager, locked, input.body, html!, auth.userId, newId());
        await this.recordMentions(manager, locked, input.body);
      }
      if (input.important !== undefined) await this.posts.setImportant(manager, postId, input.important);
      return (await this.posts.view(postId, auth.userId, manager))!;
    });
    this.events.postUpdated(post);
    return post;
  }

  async revisions(auth: AuthContext, postId: string, limit: number): Promise<PostRevision[]> {
    const { ability } = await this.access.of(auth);
    const post = readablePost(ability, await this.posts.findRecord(postId, auth.userId));
    // the history of a post is its author's and its moderators' business
    if (post.authorId !== auth.userId && !ability.can('moderate', postSubject(post))) throw AppException.forbidden();
    return this.posts.revisions(postId, limit);
  }

  /** Soft delete by the author or an animator: gone from feeds and search, kept for moderation. */
  async remove(auth: AuthContext, postId: string): Promise<void> {
    const { ability } = await this.access.of(auth);
    allowedOnPost(ability, 'delete', await this.posts.findRecord(postId, auth.userId));
    const removed = await this.dataSource.transaction(async (manager) => {
      const locked = allowedOnPost(ability, 'delete', await this.posts.findRecord(postId, auth.userId, manager));
      await this.posts.softDelete(manager, postId, auth.userId);
      // an author deleting their own words is their business; an animator doing it is moderation
      if (locked.authorId !== auth.userId)
        await this.audit.record(manager, {
          organisationId: locked.organisationId,
          actorId: auth.userId,
          action: 'post.deleted',
          targetType: 'post',
          targetId: postId,
          spherePath: locked.sphere.path,
          before: { authorId: locked.authorId, status: locked.status },
        });
      return locked;
    });
    this.events.postRemoved(removed);
  }

  /** Announces mentions of a published post (a pending one's wait for its approval). */
  async recordMentions(
    manager: EntityManager,
    post: { id: string; organisationId: string; sphereId: string; authorId: string; status: string },
    body: string,
  ): Promise<void> {
    const found = await this.mentions.resolve(manager, post.sphereId, body, post.authorId);
    const added = await this.mentions.record(
      manager,
      post.id,
      post.organisationId,
      found.map((m) => m.userId),
    );
    if (post.status !== 'published') return;
    for (const userId of added) await this.announceMention(manager, post, userId);
  }

  async announceMention(
    manager: EntityManager,
    post: { id: string; organisationId: string; sphereId: string; authorId: string },
    userId: string,
  ): Promise<void> {
    const { id: postId, sphereId, organisationId, authorId } = post;
    await this.outbox.add(
      manager,
      JobName.PostMentioned,
      { postId, sphereId, organisationId, userId, authorId },
      {
        organisationId,
      },
    );
  }

  private async needsApproval(
    manager: EntityManager,
    mode: 'post' | 'pre' | 'pre_for_newcomers',
    sphereId: string,
    authorId: string,
    moderates: boolean,
  ): Promise<boolean> {
    if (moderates || mode === 'post') return false;
    if (mode === 'pre') return true;
    return (await this.posts.countPublishedByAuthor(manager, sphereId, authorId, NEWCOMER_POSTS)) < NEWCOMER_POSTS;
  }
}
