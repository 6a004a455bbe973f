import { Injectable } from '@nestjs/common';
import { DomainEventSubscriber, OnDomainEvent, StoredEvent, SubscriberContext } from '@alveole/core';
import { Fanout } from '../fanout';
import { NotificationWriter } from '../notification-writer';
import { MENTIONED, THREAD_PARTICIPANTS } from '../recipients.statements';

type PostEvent = StoredEvent<'post.created'> | StoredEvent<'post.approved'> | StoredEvent<'post.updated'>;

/**
 * Plans a post's fan-out. An important one is announced to everyone once: at creation or approval, or
 * when marked important later (recorded, so later edits announce nothing).
 */
async function planPost(fanout: Fanout, event: PostEvent, { manager }: SubscriberContext): Promise<void> {
  const { postId, sphereId, authorId, important } = event.payload;
  // a former member's post (its author erased while it waited) announces nothing: no one to name as its author
  if (authorId === null) return;
  if (important) {
    const first: unknown[] = await manager.query(
      `INSERT INTO important_post_announcements (post_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING post_id`,
      [postId],
    );
    if (first.length === 0 && event.name === 'post.updated') return;
  }
  const source = { type: 'sphere_post' as const, sphereId, postId, authorId, important };
  await fanout.plan(manager, event.id, source, event.organisationId);
}

/** A published post: its sphere's members, by their level (a pending one waits for its approval). */
@Injectable()
@OnDomainEvent('post.created', 'notifications.new_post')
export class NotifyNewPost implements DomainEventSubscriber<'post.created'> {
  constructor(private readonly fanout: Fanout) {}

  async handle(event: StoredEvent<'post.created'>, context: SubscriberContext): Promise<void> {
    if (event.payload.status === 'published') await planPost(this.fanout, event, context);
  }
}

/** An approved post is new to its sphere's members. */
@Injectable()
@OnDomainEvent('post.approved', 'notifications.approved_post')
export class NotifyApprovedPost implements DomainEventSubscriber<'post.approved'> {
  constructor(private readonly fanout: Fanout) {}

  handle(event: StoredEvent<'post.approved'>, context: SubscriberContext): Promise<void> {
    return planPost(this.fanout, event, context);
  }
}

/**
 * A published post marked important afterwards reaches everyone once more, at once (the first time only:
 * later edits of an important post announce nothing).
 */
@Injectable()
@OnDomainEvent('post.updated', 'notifications.important_post')
export class NotifyImportantPost implements DomainEventSubscriber<'post.updated'> {
  constructor(private readonly fanout: Fanout) {}

  async handle(event: StoredEvent<'post.updated'>, context: SubscriberContext): Promise<void> {
    if (event.payload.important && event.payload.status === 'published') await planPost(this.fanout, event, context);
  }
}

/** One range of a large audience. */
@Injectable()
@OnDomainEvent('notification.fanout_chunk', 'notifications.fanout_chunk')
export class WriteFanoutChunk implements DomainEventSubscriber<'notification.fanout_chunk'> {
  constructor(private readonly fanout: Fanout) {}

  async handle(event: StoredEvent<'notification.fanout_chunk'>, { manager }: SubscriberContext): Promise<void> {
    await this.fanout.write(manager, event.payload, event.organisationId);
  }
}

@Injectable()
@OnDomainEvent('post.mentioned', 'notifications.mention')
export class NotifyMention implements DomainEventSubscriber<'post.mentioned'> {
  constructor(private readonly writer: NotificationWriter) {}

  async handle(event: StoredEvent<'post.mentioned'>, { manager }: SubscriberContext): Promise<void> {
    const { postId, sphereId, authorId, userId } = event.payload;
    const origin = { eventId: event.id, organisationId: event.organisationId, sphereId, subjectType: 'post' as const };
    await this.writer.write(manager, { ...origin, subjectId: postId, actorId: authorId }, MENTIONED, [
      sphereId,
      userId,
    ]);
  }
}

/** A comment: the post's author and the thread's participants; a reply, the comment's author. */
@Injectable()
@OnDomainEvent('comment.created', 'notifications.comment')
export class NotifyComment implements DomainEventSubscriber<'comment.created'> {
  constructor(private readonly writer: NotificationWriter) {}

  async handle(event: StoredEvent<'comment.created'>, { manager }: SubscriberContext): Promise<void> {
    const { commentId, postId, sphereId, authorId, parentId } = event.payload;
    await this.writer.write(
      manager,
      {
        eventId: event.id,
        organisationId: event.organisationId,
        sphereId,
        subjectType: 'comment',
        subjectId: commentId,
        actorId: authorId,
      },
      THREAD_PARTICIPANTS,
      [sphereId, postId, parentId],
    );
  }
}
