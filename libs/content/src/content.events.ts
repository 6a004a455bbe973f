import type { DomainEvent } from '@alveole/core';
import { Live, Rooms } from '@alveole/realtime';
import { CommentView } from './comments.repository';
import { toCommentResponse, toPostBroadcast } from './post-response';
import { PostView } from './post-view';

/** What happened to a post (ids only: subscribers read what they need, nothing personal travels). */
export interface PostEvent {
  postId: string;
  sphereId: string;
  /** null: a former member's post. */
  authorId: string | null;
  status: PostView['status'];
  important: boolean;
}

declare module '@alveole/core' {
  interface DomainEventMap {
    /** A post was written (published, or pending an animator's approval). */
    'post.created': PostEvent;
    /** A pending post was approved: from now on it is published. */
    'post.approved': PostEvent & { approvedBy: string };
    /** Edited, pinned or unpinned, marked important. */
    'post.updated': PostEvent;
    'post.removed': PostEvent & { removedBy: string };
    /** A member was mentioned in a published post. */
    'post.mentioned': { postId: string; sphereId: string; authorId: string | null; userId: string };
    'comment.created': {
      commentId: string;
      postId: string;
      sphereId: string;
      authorId: string | null;
      parentId: string | null;
    };
    'reaction.changed': { postId: string; sphereId: string; userId: string };
    /** The moderators hid, removed or restored a post (`moderatedBy` null: the system, e.g. auto-hide). */
    'post.moderated': PostEvent & { moderatedBy: string | null };
    /** The moderators hid, removed or restored a comment. */
    'comment.moderated': {
      commentId: string;
      postId: string;
      sphereId: string;
      authorId: string | null;
      status: CommentView['status'];
      moderatedBy: string | null;
    };
  }
}

/** A published post goes to the sphere's room; a pending one to its animators and its author only. */
function audience(post: { sphereId: string; authorId: string | null; status: string }): string[] {
  if (post.status === 'published') return [Rooms.sphere(post.sphereId)];
  const moderators = Rooms.sphereModerators(post.sphereId);
  return post.authorId === null ? [moderators] : [moderators, Rooms.user(post.authorId)];
}

type PostFields = Pick<PostView, 'id' | 'sphereId' | 'authorId' | 'status' | 'important' | 'organisationId'>;

const postEvent = (post: PostFields): PostEvent => ({
  postId: post.id,
  sphereId: post.sphereId,
  authorId: post.authorId,
  status: post.status,
  important: post.important,
});

/**
 * The content context's domain events (DESIGN.md §1), with their realtime instructions: sent after
 * the commit, best effort, in the REST shapes minus what is personal to one reader.
 */
export const ContentEvents = {
  postCreated: (post: PostView): DomainEvent<'post.created'> => ({
    name: 'post.created',
    payload: postEvent(post),
    organisationId: post.organisationId,
    live: [Live.emit(audience(post), 'post.created', toPostBroadcast(post))],
  }),

  postApproved: (post: PostView, approvedBy: string): DomainEvent<'post.approved'> => ({
    name: 'post.approved',
    payload: { ...postEvent(post), approvedBy },
    organisationId: post.organisationId,
    // for the sphere, the post arrives now
    live: [Live.emit(audience(post), 'post.created', toPostBroadcast(post))],
  }),

  postUpdated: (post: PostView): DomainEvent<'post.updated'> => ({
    name: 'post.updated',
    payload: postEvent(post),
    organisationId: post.organisationId,
    live: [Live.emit(audience(post), 'post.updated', toPostBroadcast(post))],
  }),

  postRemoved: (post: PostFields, removedBy: string): DomainEvent<'post.removed'> => ({
    name: 'post.removed',
    payload: { ...postEvent(post), removedBy },
    organisationId: post.organisationId,
    live: [Live.emit(audience(post), 'post.removed', { id: post.id, sphereId: post.sphereId })],
  }),

  postMentioned: (post: PostView, userId: string): DomainEvent<'post.mentioned'> => ({
    name: 'post.mentioned',
    payload: { postId: post.id, sphereId: post.sphereId, authorId: post.authorId, userId },
    organisationId: post.organisationId,
    live: [
      Live.toUser(userId, 'post.mentioned', {
        postId: post.id,
        sphereId: post.sphereId,
        author: post.authorId === null ? null : { id: post.authorId, displayName: post.authorName ?? '' },
      }),
    ],
  }),

  commentCreated: (
    comment: CommentView,
    organisationId: string,
    commentCount: number,
  ): DomainEvent<'comment.created'> => ({
    name: 'comment.created',
    payload: {
      commentId: comment.id,
      postId: comment.postId,
      sphereId: comment.sphereId,
      authorId: comment.authorId,
      parentId: comment.parentId,
    },
    organisationId,
    live: [
      Live.emit(Rooms.sphere(comment.sphereId), 'comment.created', { ...toCommentResponse(comment), commentCount }),
    ],
  }),

  /**
   * Hidden or removed: gone from the sphere's view, while its author and the moderators see its new
   * status. Restored: it arrives in the sphere as an approved post does. `was`: the status before.
   */
  postModerated: (
    post: PostView,
    was: PostView['status'],
    moderatedBy: string | null,
  ): DomainEvent<'post.moderated'> => ({
    name: 'post.moderated',
    payload: { ...postEvent(post), moderatedBy },
    organisationId: post.organisationId,
    live:
      post.status === 'published'
        ? [Live.emit(audience(post), 'post.created', toPostBroadcast(post))]
        : [
            // only what the sphere saw needs taking back (a pending post never reached it)
            ...(was === 'published'
              ? [Live.emit(Rooms.sphere(post.sphereId), 'post.removed', { id: post.id, sphereId: post.sphereId })]
              : []),
            Live.emit(audience(post), 'post.updated', toPostBroadcast(post)),
          ],
  }),

  commentModerated: (
    comment: CommentView,
    organisationId: string,
    commentCount: number,
    moderatedBy: string | null,
  ): DomainEvent<'comment.moderated'> => ({
    name: 'comment.moderated',
    payload: {
      commentId: comment.id,
      postId: comment.postId,
      sphereId: comment.sphereId,
      authorId: comment.authorId,
      status: comment.status,
      moderatedBy,
    },
    organisationId,
    live: [
      comment.status === 'published'
        ? Live.emit(Rooms.sphere(comment.sphereId), 'comment.created', { ...toCommentResponse(comment), commentCount })
        : Live.emit(Rooms.sphere(comment.sphereId), 'comment.removed', {
            id: comment.id,
            postId: comment.postId,
            sphereId: comment.sphereId,
            commentCount,
          }),
    ],
  }),

  reactionChanged: (
    post: { id: string; sphereId: string; organisationId: string },
    userId: string,
    reactionCounts: Record<string, number>,
  ): DomainEvent<'reaction.changed'> => ({
    name: 'reaction.changed',
    payload: { postId: post.id, sphereId: post.sphereId, userId },
    organisationId: post.organisationId,
    // counts change often and nobody needs to be told durably
    durable: false,
    live: [
      Live.emit(Rooms.sphere(post.sphereId), 'reaction.changed', {
        postId: post.id,
        sphereId: post.sphereId,
        reactionCounts,
      }),
    ],
  }),
};
