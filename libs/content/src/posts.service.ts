import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext } from '@alveole/access';
import { AuditWriter } from '@alveole/audit';
import { AppException, DomainEvents, IdempotencyKeys, newId } from '@alveole/core';
import { ContentAccess } from './content-access';
import { ContentErrors } from './content.errors';
import { ContentEvents } from './content.events';
import { MarkdownRenderer } from './markdown-renderer';
import { MentionsRepository } from './mentions.repository';
import { PostView } from './post-view';
import { PostRecord, PostRevision, PostsRepository } from './posts.repository';

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
    private readonly access: ContentAccess,
    private readonly markdown: MarkdownRenderer,
    private readonly events: DomainEvents,
    private readonly audit: AuditWriter,
    private readonly idempotency: IdempotencyKeys,
  ) {}

  /** With an `idempotencyKey`, a retry of the same request answers the first post again (never a second one). */
  async create(auth: AuthContext, sphereId: string, input: CreatePost, idempotencyKey?: string): Promise<PostView> {
    const access = await this.access.of(auth);
    const sphere = this.access.readableSphere(access, await this.posts.sphereForReader(sphereId, auth.userId));
    this.access.assertMayPost(access, sphere);
    const attachmentIds = [...new Set(input.attachmentIds ?? [])];
    if ((await this.posts.documentsOf(sphereId, attachmentIds)).length !== attachmentIds.length) {
      throw ContentErrors.unknownAttachments();
    }
    const html = this.markdown.render(input.body);
    // the sphere's animators, not system managers who happen to be members (their posts wait like anyone's)
    const moderates = this.access.seesPendingPosts(access, sphere);
    const request = { operation: 'post.create', userId: auth.userId, key: idempotencyKey, body: { sphereId, input } };
    return this.dataSource.transaction(async (manager) => {
      const replay = await this.idempotency.claim<PostView>(request, manager);
      if (replay) return replay;
      const status = (await this.needsApproval(sphere.moderationMode, sphereId, auth.userId, moderates, manager))
        ? 'pending'
        : 'published';
      const id = newId();
      const { organisationId } = sphere;
      await this.posts.insert(
        { id, organisationId, sphereId, authorId: auth.userId, body: input.body, html, status, attachmentIds },
        manager,
      );
      const post = (await this.posts.view(id, auth.userId, manager))!;
      await this.events.publish(manager, ContentEvents.postCreated(post));
      await this.recordMentions(post, input.body, manager);
      await this.idempotency.complete(request, post, manager);
      return post;
    });
  }

  async get(auth: AuthContext, postId: string): Promise<PostView> {
    const access = await this.access.of(auth);
    this.access.readablePost(access, await this.posts.findRecord(postId, auth.userId));
    return (await this.posts.view(postId, auth.userId))!;
  }

  /** The author edits the body; animators set `important`. Each body change keeps the previous one. */
  async edit(auth: AuthContext, postId: string, input: EditPost): Promise<PostView> {
    if (input.body === undefined && input.important === undefined) throw ContentErrors.emptyEdit();
    const access = await this.access.of(auth);
    const found = await this.posts.findRecord(postId, auth.userId);
    if (input.body !== undefined) this.access.allowedOnPost(access, 'update', found);
    if (input.important !== undefined) this.access.allowedOnPost(access, 'moderate', found);
    const html = input.body === undefined ? undefined : this.markdown.render(input.body);
    return this.dataSource.transaction(async (manager) => {
      const locked = this.access.readablePost(access, await this.posts.findRecord(postId, auth.userId, manager));
      const newBody = input.body !== undefined && input.body !== locked.body ? input.body : undefined;
      if (newBody !== undefined)
        await this.posts.edit(
          locked,
          { body: newBody, html: html!, editorId: auth.userId, revisionId: newId() },
          manager,
        );
      if (input.important !== undefined) await this.posts.setImportant(postId, input.important, manager);
      const post = (await this.posts.view(postId, auth.userId, manager))!;
      await this.events.publish(manager, ContentEvents.postUpdated(post));
      if (newBody !== undefined) await this.recordMentions(post, newBody, manager);
      return post;
    });
  }

  async revisions(auth: AuthContext, postId: string, limit: number): Promise<PostRevision[]> {
    const access = await this.access.of(auth);
    const post = this.access.readablePost(access, await this.posts.findRecord(postId, auth.userId));
    // the history of a post is its author's and its moderators' business
    if (post.authorId !== auth.userId && !this.access.can(access, 'moderate', post)) throw AppException.forbidden();
    return this.posts.revisions(postId, limit);
  }

  /** Soft delete by the author or an animator: gone from feeds and search, kept for moderation. */
  async remove(auth: AuthContext, postId: string): Promise<void> {
    const access = await this.access.of(auth);
    this.access.allowedOnPost(access, 'delete', await this.posts.findRecord(postId, auth.userId));
    await this.dataSource.transaction(async (manager) => {
      const locked = this.access.allowedOnPost(
        access,
        'delete',
        await this.posts.findRecord(postId, auth.userId, manager),
      );
      await this.posts.softDelete(postId, auth.userId, manager);
      // an author deleting their own words is their business; an animator doing it is moderation
      if (locked.authorId !== auth.userId) await this.auditDeletion(auth, locked, manager);
      await this.events.publish(manager, ContentEvents.postRemoved(locked, auth.userId));
    });
  }

  /** Records mentions; the newly mentioned hear of it once the post is published (a pending one's wait). */
  async recordMentions(post: PostView, body: string, manager: EntityManager): Promise<void> {
    if (post.authorId === null) return; // a former member's post: nobody writes in their name
    const found = await this.mentions.resolve(post.sphereId, body, post.authorId, manager);
    const ids = found.map((m) => m.userId);
    const added = await this.mentions.record(post.id, post.organisationId, ids, manager);
    if (post.status !== 'published') return;
    await this.events.publishAll(
      manager,
      added.map((userId) => ContentEvents.postMentioned(post, userId)),
    );
  }

  private auditDeletion(auth: AuthContext, post: PostRecord, manager: EntityManager): Promise<void> {
    return this.audit.record(manager, {
      organisationId: post.organisationId,
      actorId: auth.userId,
      action: 'post.deleted',
      targetType: 'post',
      targetId: post.id,
      spherePath: post.sphere.path,
      before: { authorId: post.authorId, status: post.status },
    });
  }

  private async needsApproval(
    mode: 'post' | 'pre' | 'pre_for_newcomers',
    sphereId: string,
    authorId: string,
    moderates: boolean,
    manager: EntityManager,
  ): Promise<boolean> {
    if (moderates || mode === 'post') return false;
    if (mode === 'pre') return true;
    return (await this.posts.countPublishedByAuthor(sphereId, authorId, NEWCOMER_POSTS, manager)) < NEWCOMER_POSTS;
  }
}
