import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext } from '@alveole/access';
import { AuditWriter } from '@alveole/audit';
import { DomainEvents } from '@alveole/core';
import { ContentAccess } from './content-access';
import { ContentErrors } from './content.errors';
import { ContentEvents } from './content.events';
import { PendingPosts } from './pending-posts';
import { PostView } from './post-view';
import { PostRecord, PostsRepository } from './posts.repository';

/**
 * What animators do to posts here: pin, unpin, approve a pending post (the moderation context adds
 * the queue, hiding and decisions through ContentModeration). Each is audit-logged for the sphere's managers.
 */
@Injectable()
export class PostModerationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly posts: PostsRepository,
    private readonly pending: PendingPosts,
    private readonly access: ContentAccess,
    private readonly audit: AuditWriter,
    private readonly events: DomainEvents,
  ) {}

  async pin(auth: AuthContext, postId: string, pinned: boolean): Promise<PostView> {
    const access = await this.access.of(auth);
    this.access.allowedOnPost(access, 'moderate', await this.posts.findRecord(postId, auth.userId));
    return this.dataSource.transaction(async (manager) => {
      const found = await this.posts.findRecord(postId, auth.userId, manager);
      const locked = this.access.allowedOnPost(access, 'moderate', found);
      if (locked.pinned !== pinned) {
        await this.posts.setPinned(postId, pinned, manager);
        await this.record(auth, locked, pinned ? 'post.pinned' : 'post.unpinned', manager);
      }
      const post = (await this.posts.view(postId, auth.userId, manager))!;
      await this.events.publish(manager, ContentEvents.postUpdated(post));
      return post;
    });
  }

  /** Publishes a pending post: the sphere sees it arrive, and the people it mentions hear of it. */
  async approve(auth: AuthContext, postId: string): Promise<PostView> {
    const access = await this.access.of(auth);
    this.access.allowedOnPost(access, 'approve', await this.posts.findRecord(postId, auth.userId));
    return this.dataSource.transaction(async (manager) => {
      const found = await this.posts.findRecord(postId, auth.userId, manager);
      const locked = this.access.allowedOnPost(access, 'approve', found);
      if (locked.status !== 'pending') throw ContentErrors.notPending();
      const post = await this.pending.publish(manager, postId, auth.userId);
      await this.record(auth, locked, 'post.approved', manager);
      return post;
    });
  }

  private record(auth: AuthContext, post: PostRecord, action: string, manager: EntityManager) {
    return this.audit.record(manager, {
      organisationId: post.organisationId,
      actorId: auth.userId,
      action,
      targetType: 'post',
      targetId: post.id,
      spherePath: post.sphere.path,
    });
  }
}
