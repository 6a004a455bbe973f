import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthContext } from '@alveole/access';
import { AuditWriter, AccessProfiles } from '@alveole/structure';
import { allowedOnPost } from './content-guards';
import { ContentErrors } from './content.errors';
import { ContentEvents } from './content.events';
import { MentionsRepository } from './mentions.repository';
import { PostView } from './post-view';
import { PostRecord, PostsRepository } from './posts.repository';
import { PostsService } from './posts.service';

/**
 * What animators do to posts here: pin, unpin, approve a pending post (the moderation context adds
 * the queue, hiding and decisions). Each is audit-logged for the sphere's managers.
 */
@Injectable()
export class PostModerationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly posts: PostsRepository,
    private readonly mentions: MentionsRepository,
    private readonly writing: PostsService,
    private readonly access: AccessProfiles,
    private readonly audit: AuditWriter,
    private readonly events: ContentEvents,
  ) {}

  async pin(auth: AuthContext, postId: string, pinned: boolean): Promise<PostView> {
    const { ability } = await this.access.of(auth);
    allowedOnPost(ability, 'moderate', await this.posts.findRecord(postId, auth.userId));
    const post = await this.dataSource.transaction(async (manager) => {
      const locked = allowedOnPost(ability, 'moderate', await this.posts.findRecord(postId, auth.userId, manager));
      if (locked.pinned !== pinned) {
        await this.posts.setPinned(manager, postId, pinned);
        await this.record(manager, auth, locked, pinned ? 'post.pinned' : 'post.unpinned');
      }
      return (await this.posts.view(postId, auth.userId, manager))!;
    });
    this.events.postUpdated(post);
    return post;
  }

  /** Publishes a pending post: the sphere sees it arrive, and the people it mentions hear of it. */
  async approve(auth: AuthContext, postId: string): Promise<PostView> {
    const { ability } = await this.access.of(auth);
    allowedOnPost(ability, 'approve', await this.posts.findRecord(postId, auth.userId));
    const post = await this.dataSource.transaction(async (manager) => {
      const locked = allowedOnPost(ability, 'approve', await this.posts.findRecord(postId, auth.userId, manager));
      if (locked.status !== 'pending') throw ContentErrors.notPending();
      await this.posts.publish(manager, postId);
      for (const userId of await this.mentions.mentionedIn(manager, postId))
        await this.writing.announceMention(manager, locked, userId);
      await this.record(manager, auth, locked, 'post.approved');
      return (await this.posts.view(postId, auth.userId, manager))!;
    });
    this.events.postCreated(post);
    return post;
  }

  private record(manager: Parameters<AuditWriter['record']>[0], auth: AuthContext, post: PostRecord, action: string) {
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
