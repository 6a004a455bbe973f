import { Injectable } from '@nestjs/common';
import { JobContext, JobHandler, JobHandlerOf, JobName, JobPayloads } from '@alveole/core';
import { RealtimePublisher } from '@alveole/realtime';

/**
 * Tells a mentioned member at once, live, if the post still stands. The notifications context will
 * store it and send e-mail under the member's preferences; the outbox row already guarantees that
 * no mention is lost on the way.
 */
@Injectable()
@JobHandler(JobName.PostMentioned)
export class PostMentionedHandler implements JobHandlerOf<JobName.PostMentioned> {
  constructor(private readonly realtime: RealtimePublisher) {}

  async handle(event: JobPayloads[JobName.PostMentioned], { manager }: JobContext): Promise<void> {
    const [post] = await manager.query<{ authorName: string }[]>(
      `SELECT u.display_name AS "authorName" FROM posts p JOIN users u ON u.id = p.author_id
       WHERE p.id = $1 AND p.deleted_at IS NULL AND p.status = 'published'`,
      [event.postId],
    );
    if (!post) return;
    this.realtime.toUser(event.userId, 'post.mentioned', {
      postId: event.postId,
      sphereId: event.sphereId,
      author: { id: event.authorId, displayName: post.authorName },
    });
  }
}
