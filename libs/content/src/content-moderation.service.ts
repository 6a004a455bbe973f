import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppException, DomainEvents } from '@alveole/core';
import { CommentsRepository } from './comments.repository';
import { ContentErrors } from './content.errors';
import { ContentEvents } from './content.events';
import { ModeratedTargetsRepository, TargetEvidence, TargetRow } from './moderated-targets.repository';
import { PendingPosts } from './pending-posts';
import { PostsRepository } from './posts.repository';

export type ModeratedStatus = 'published' | 'hidden' | 'removed';

/** A post or comment as moderation acts on it (`postId`: the post itself, or the comment's). */
export type ModeratedTarget = Omit<TargetRow, 'postStatus'>;

const NAMES = { post: 'Post', comment: 'Comment' } as const;
const asTarget = ({ postStatus: _postStatus, ...target }: TargetRow): ModeratedTarget => target;

/**
 * What the moderation context asks of content, inside its own transaction: look a target up, hide,
 * remove or restore it, publish a pending post. Content checks no ability here (moderation decides who
 * may) and writes no audit row (moderation audits its decisions); it keeps its data and events right.
 */
@Injectable()
export class ContentModeration {
  constructor(
    private readonly targets: ModeratedTargetsRepository,
    private readonly posts: PostsRepository,
    private readonly comments: CommentsRepository,
    private readonly pending: PendingPosts,
    private readonly events: DomainEvents,
  ) {}

  /** The target (not deleted by its author), or null; locks the row FOR UPDATE when a manager is given. */
  async find(type: 'post' | 'comment', id: string, manager?: EntityManager): Promise<ModeratedTarget | null> {
    const row = await this.targets.find(type, id, manager);
    return row && asTarget(row);
  }

  /** The author, text and dates of a post or comment not deleted by its author (a case's evidence), or null. */
  evidence(type: 'post' | 'comment', id: string, manager?: EntityManager): Promise<TargetEvidence | null> {
    return this.targets.evidence(type, id, manager);
  }

  /**
   * Sets the moderation status in the caller's transaction and publishes content's domain events (live
   * updates); no-op when unchanged. actorId null = the system (auto-hide). Returns the target as it now
   * stands. A pending post is published by `approvePending`, never restored (409 `post-pending`).
   */
  async setStatus(
    manager: EntityManager,
    target: { type: 'post' | 'comment'; id: string },
    status: ModeratedStatus,
    actorId: string | null,
  ): Promise<ModeratedTarget> {
    const found = await this.targets.find(target.type, target.id, manager);
    if (!found) throw AppException.notFound(NAMES[target.type]);
    if (found.status === status) return asTarget(found);
    if (found.status === 'pending' && status === 'published') throw ContentErrors.awaitingApproval();
    if (found.type === 'post') {
      await this.posts.setStatus(found.id, status, manager);
      const post = (await this.posts.view(found.id, found.authorId, manager))!;
      await this.events.publish(manager, ContentEvents.postModerated(post, found.status, actorId));
    } else {
      const was = found.status as ModeratedStatus;
      const count = await this.comments.setStatus({ id: found.id, postId: found.postId, status: was }, status, manager);
      const comment = await this.comments.view(found.id, manager);
      const event = ContentEvents.commentModerated(comment, found.organisationId, count, actorId);
      // while its post is out of the sphere's sight, so are the post's comments' comings and goings
      await this.events.publish(manager, found.postStatus === 'published' ? event : { ...event, live: [] });
    }
    return asTarget({ ...found, status });
  }

  /** Publishes a pending post in the caller's transaction with the approve route's events (post.approved, mentions). */
  async approvePending(manager: EntityManager, postId: string, actorId: string): Promise<ModeratedTarget> {
    const found = await this.targets.find('post', postId, manager);
    if (!found) throw AppException.notFound(NAMES.post);
    if (found.status !== 'pending') throw ContentErrors.notPending();
    await this.pending.publish(manager, postId, actorId);
    return asTarget({ ...found, status: 'published' });
  }
}
