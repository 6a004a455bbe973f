export type PostAttachment =
  { id: string; name: string; size: number; mimeType: string } | { id: string; removed: true };

/**
 * The attached documents, in order (documents_pkey per id; posts without any skip the lookup). A
 * deleted (or moderated) document stays a marker: the post keeps saying something was attached.
 */
const ATTACHMENTS = `CASE WHEN cardinality(p.attachment_ids) = 0 THEN '[]'::json ELSE (
      SELECT json_agg(CASE WHEN d.id IS NULL OR d.deleted_at IS NOT NULL OR d.status <> 'published' THEN json_build_object('id', a.id, 'removed', true)
                           ELSE json_build_object('id', d.id, 'name', d.name, 'size', d.size, 'mimeType', d.mime_type) END
                      ORDER BY a.n)
        FROM unnest(p.attachment_ids) WITH ORDINALITY a(id, n) LEFT JOIN documents d ON d.id = a.id) END`;

/** A post as the API shows it to one reader (docs/api.md "Posts"), read by one statement. */
export interface PostView {
  id: string;
  sphereId: string;
  organisationId: string;
  /** null: a former member's post, kept without them (their organisation's choice on erasure). */
  authorId: string | null;
  authorName: string | null;
  body: string;
  html: string;
  status: 'published' | 'pending' | 'hidden' | 'removed';
  pinned: boolean;
  important: boolean;
  /** Attached documents in order; one deleted since is a marker that says so. */
  attachments: PostAttachment[];
  commentCount: number;
  reactionCounts: Record<string, number>;
  myReactions: string[];
  /** An ISO 8601 string where the statement was read with ISO_TIMESTAMPS (the feeds), else a Date. */
  createdAt: Date | string;
  editedAt: Date | string | null;
  /** created_at in microseconds since the epoch: the exact keyset position (a Date keeps only ms). */
  position: string;
}

/**
 * Columns of a PostView from `p` (posts) and `u` (users); `$me` is the reader, for their reactions
 * (reactions_pkey: (post_id, user_id) is its prefix).
 */
export function postViewColumns(me: string): string {
  return `p.id, p.sphere_id AS "sphereId", p.organisation_id AS "organisationId", p.author_id AS "authorId",
    (SELECT u.display_name FROM users u WHERE u.id = p.author_id) AS "authorName", p.body, p.html, p.status, p.pinned_at IS NOT NULL AS pinned, p.important,
    ${ATTACHMENTS} AS attachments, p.comment_count AS "commentCount", p.reaction_counts AS "reactionCounts",
    ARRAY(SELECT r.kind FROM reactions r WHERE r.post_id = p.id AND r.user_id = ${me} ORDER BY r.kind) AS "myReactions",
    p.created_at AS "createdAt", p.edited_at AS "editedAt",
    (extract(epoch FROM p.created_at) * 1000000)::int8::text AS position`;
}

/** SQL for a keyset position given as microseconds since the epoch (exact, unlike a float seconds value). */
export function positionToTimestamp(param: string): string {
  return `(timestamptz 'epoch' + ${param}::int8 * interval '1 microsecond')`;
}
