import { Injectable } from '@nestjs/common';
import { RealtimePublisher, Rooms } from '@alveole/realtime';
import { CommentView } from './comments.repository';
import { toCommentResponse, toPostBroadcast } from './post-response';
import { PostView } from './post-view';

/**
 * Realtime events of the content context (API.md "Realtime"), sent after the commit, best effort.
 * Payloads are the REST shapes minus what is personal to one reader.
 */
@Injectable()
export class ContentEvents {
  constructor(private readonly realtime: RealtimePublisher) {}

  /** A published post goes to the sphere; a pending one to its animators and its author only. */
  postCreated(post: PostView): void {
    this.realtime.toRoom(this.audience(post), 'post.created', toPostBroadcast(post));
  }

  postUpdated(post: PostView): void {
    this.realtime.toRoom(this.audience(post), 'post.updated', toPostBroadcast(post));
  }

  postRemoved(post: { id: string; sphereId: string; authorId: string; status: string }): void {
    const payload = { id: post.id, sphereId: post.sphereId };
    this.realtime.toRoom(this.audience(post), 'post.removed', payload);
  }

  commentCreated(comment: CommentView, commentCount: number): void {
    const payload = { ...toCommentResponse(comment), commentCount };
    this.realtime.toRoom(Rooms.sphere(comment.sphereId), 'comment.created', payload);
  }

  reactionChanged(post: { id: string; sphereId: string }, reactionCounts: Record<string, number>): void {
    const payload = { postId: post.id, sphereId: post.sphereId, reactionCounts };
    this.realtime.toRoom(Rooms.sphere(post.sphereId), 'reaction.changed', payload);
  }

  private audience(post: { sphereId: string; authorId: string; status: string }): string[] {
    return post.status === 'published'
      ? [Rooms.sphere(post.sphereId)]
      : [Rooms.sphereModerators(post.sphereId), Rooms.user(post.authorId)];
  }
}
