import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvents } from '@alveole/core';
import { ContentEvents } from './content.events';
import { MentionsRepository } from './mentions.repository';
import { PostView } from './post-view';
import { PostsRepository } from './posts.repository';

/**
 * Publishing a pending post, shared by the animators' approve route and the moderation context's
 * approval decision so both tell the sphere and the mentioned the same way. The caller has locked the
 * post and checked that it is pending; the audit row is the caller's.
 */
@Injectable()
export class PendingPosts {
  constructor(
    private readonly posts: PostsRepository,
    private readonly mentions: MentionsRepository,
    private readonly events: DomainEvents,
  ) {}

  async publish(manager: EntityManager, postId: string, approvedBy: string): Promise<PostView> {
    await this.posts.publish(postId, manager);
    const post = (await this.posts.view(postId, approvedBy, manager))!;
    await this.events.publish(manager, ContentEvents.postApproved(post, approvedBy));
    const mentioned = await this.mentions.mentionedIn(postId, manager);
    await this.events.publishAll(
      manager,
      mentioned.map((userId) => ContentEvents.postMentioned(post, userId)),
    );
    return post;
  }
}
