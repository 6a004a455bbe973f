/** A post as the API shows it to one reader (docs/api.md "Posts"), read by one statement. */
export interface PostView {
  id: string;
  sphereId: string;
  organisationId: string;
  authorId: string;
  authorName: string;
  body: string;
  html: string;
  status: 'published' | 'pending' | 'hidden' | 'removed';
  pinned: boolean;
  important: boolean;
  attachmentIds: string[];
  commentCount: number;
  reactionCounts: Record<string, number>;
  myReactions: string[];
  createdAt: Date;
  editedAt: Date | null;
  /** created_at in microseconds since the epoch: the exact keyset position (a Date keeps only ms). */
  position: string;
}

/**
 * Columns of a PostView from `p` (posts) and `u` (users); `$me` is the reader, for their reactions
 * (reactions_pkey: (post_id, user_id) is its prefix).
 */
export function postViewColumns(me: string): string {
  return `p.id, p.sphere_id AS "sphereId", p.organisation_id AS "organisationId", p.author_id AS "authorId",
    u.display_name AS "authorName", p.body, p.html, p.status, p.pinned_at IS NOT NULL AS pinned, p.important,
    p.attachment_ids AS "attachmentIds", p.comment_count AS "commentCount", p.reaction_counts AS "reactionCounts",
    ARRAY(SELECT r.kind FROM reactions r WHERE r.post_id = p.id AND r.user_id = ${me} ORDER BY r.kind) AS "myReactions",
    p.created_at AS "createdAt", p.edited_at AS "editedAt",
    (extract(epoch FROM p.created_at) * 1000000)::int8::text AS position`;
}

/** SQL for a keyset position given as microseconds since the epoch (exact, unlike a float seconds value). */
export function positionToTimestamp(param: string): string {
  return `(timestamptz 'epoch' + ${param}::int8 * interval '1 microsecond')`;
}
