import { CommentView } from './comments.repository';
import type { CommentResponse, PostBroadcast, PostResponse } from './content.responses';
import { PostView } from './post-view';

/**
 * ISO 8601, whether the driver gave a Date, a feed statement (ISO_TIMESTAMPS) or a replayed response a string.
 * Those strings are Date#toISOString's form already (24 characters, `T` then `Z`): kept as they are.
 */
const iso = (value: Date | string): string =>
  typeof value !== 'string'
    ? value.toISOString()
    : value.length === 24 && value.charCodeAt(10) === 84 && value.charCodeAt(23) === 90
      ? value
      : new Date(value).toISOString();

/** null for a former member: the post was kept, the link to the person was not. */
function authorOf(id: string | null, displayName: string | null) {
  return id === null ? null : { id, displayName: displayName ?? '' };
}

/** A post as docs/api.md shows it. */
export function toPostResponse(post: PostView): PostResponse {
  // added to the broadcast rather than spread into a copy of it: a feed page maps 20 of these
  const response = toPostBroadcast(post) as PostResponse;
  response.myReactions = post.myReactions;
  return response;
}

/** The post as every room member may see it: nothing personal to one reader (no `myReactions`). */
export function toPostBroadcast(post: PostView): PostBroadcast {
  return {
    id: post.id,
    sphereId: post.sphereId,
    author: authorOf(post.authorId, post.authorName),
    body: post.body,
    html: post.html,
    status: post.status,
    pinned: post.pinned,
    important: post.important,
    attachments: post.attachments,
    commentCount: post.commentCount,
    reactionCounts: post.reactionCounts,
    createdAt: iso(post.createdAt),
    editedAt: post.editedAt === null ? null : iso(post.editedAt),
  };
}

export function toCommentResponse(comment: CommentView): CommentResponse {
  return {
    id: comment.id,
    postId: comment.postId,
    sphereId: comment.sphereId,
    parentId: comment.parentId,
    author: authorOf(comment.authorId, comment.authorName),
    body: comment.body,
    html: comment.html,
    status: comment.status,
    createdAt: iso(comment.createdAt),
    editedAt: comment.editedAt === null ? null : iso(comment.editedAt),
  };
}
