/**
 * The realtime contract (namespace `/realtime`), as Socket.IO's typed-events maps: what the server
 * emits and what a client may send. A pure-types file with no imports, so the web client imports it
 * as is: `io<ServerToClientEvents, ClientToServerEvents>(...)`. Timestamps are ISO 8601 strings.
 */

export interface AuthorPayload {
  id: string;
  displayName: string;
}

/** A post as every member of its sphere sees it (the REST shape without `myReactions`). */
export interface PostPayload {
  id: string;
  sphereId: string;
  /** null: a former member (content kept after an erasure). */
  author: AuthorPayload | null;
  body: string;
  html: string;
  status: 'published' | 'pending' | 'hidden' | 'removed';
  pinned: boolean;
  important: boolean;
  /** Attached documents; `removed: true` for one deleted since. */
  attachments: ({ id: string; name: string; size: number; mimeType: string } | { id: string; removed: true })[];
  commentCount: number;
  reactionCounts: Record<string, number>;
  createdAt: string;
  editedAt: string | null;
}

export interface CommentPayload {
  id: string;
  postId: string;
  sphereId: string;
  parentId: string | null;
  /** null: a former member (content kept after an erasure). */
  author: AuthorPayload | null;
  body: string;
  html: string;
  /** `hidden` and `removed` reach only their author and the sphere's moderators (REST lists). */
  status: 'published' | 'hidden' | 'removed';
  createdAt: string;
  editedAt: string | null;
}

export interface MembershipChangedPayload {
  sphereId: string;
  /** null once the membership is gone (removed, left, request rejected). */
  role: 'sphere_admin' | 'animator' | 'member' | 'visitor' | null;
  status: 'active' | 'requested' | 'muted' | 'banned' | 'removed' | 'rejected';
}

/** A case of the sphere's queue changed: what happened to it, and the queue's counts now. */
export interface ModerationCaseUpdatedPayload {
  caseId: string;
  sphereId: string;
  status: 'open' | 'escalated' | 'resolved' | 'dismissed';
  change: 'opened' | 'reported' | 'claimed' | 'released' | 'decided' | 'escalated';
  openCount: number;
  escalatedCount: number;
}

/** A decision, to the reporters and to the author (the decision's reason and articles in the outcomes list). */
export interface ModerationOutcomePayload {
  caseId: string;
  role: 'author' | 'reporter';
  decision: string;
  targetType: string;
  targetId: string;
}

/**
 * A new notification, the same payload to every recipient of an event (its id is the event's): the
 * client adds it to its list and its unread count, and may fetch GET /notifications for the details.
 */
export interface NotificationPayload {
  id: string;
  kind: string;
  sphereId: string | null;
  subject: { type: string; id: string | null };
  actorId: string | null;
  createdAt: string;
}

/** A document as the sphere sees it (GET /documents/:id minus what is personal: `removable`). */
export interface DocumentPayload {
  id: string;
  sphereId: string;
  folderId: string | null;
  name: string;
  size: number;
  mimeType: string;
  sha256: string;
  version: number;
  status: 'published' | 'hidden' | 'removed';
  uploadedBy: { id: string; displayName: string } | null;
  createdAt: string;
  updatedAt: string;
  /** Set on `document.updated` when the document was deleted (or hidden or removed by moderation). */
  deleted?: true;
}

export interface ServerToClientEvents {
  'post.created': (post: PostPayload) => void;
  'post.updated': (post: PostPayload) => void;
  'post.removed': (post: { id: string; sphereId: string }) => void;
  /** To the member mentioned, once the post is published. */
  'post.mentioned': (mention: { postId: string; sphereId: string; author: AuthorPayload | null }) => void;
  'comment.created': (comment: CommentPayload & { commentCount: number }) => void;
  /** A comment hidden or removed by the moderators: gone from the sphere's view (`commentCount` its post's new count). */
  'comment.removed': (comment: { id: string; postId: string; sphereId: string; commentCount: number }) => void;
  'reaction.changed': (change: { postId: string; sphereId: string; reactionCounts: Record<string, number> }) => void;
  /** To the sphere's room: a document added, or changed (new version, renamed, moved, deleted). */
  'document.created': (document: DocumentPayload) => void;
  'document.updated': (document: DocumentPayload) => void;
  /** To the sphere's moderators (sockets subscribed to it with the right to moderate). */
  'moderation_case.updated': (update: ModerationCaseUpdatedPayload) => void;
  /** To each reporter and to the author when a case is decided. */
  'moderation.outcome': (outcome: ModerationOutcomePayload) => void;
  /** To each recipient's user room (one emit per fan-out chunk). */
  'notification.created': (notification: NotificationPayload) => void;
  /** To the user's other sockets: items marked read there (`all`: every item up to now). */
  'notification.read': (read: { ids: string[]; all: boolean; unreadCount: number }) => void;
  /** To the user whose membership changed (added, role changed, removed, request decided). */
  'membership.changed': (change: MembershipChangedPayload) => void;
  /** To the member who asked for the sphere. */
  'sphere_request.decided': (decision: {
    requestId: string;
    organisationId: string;
    status: 'approved' | 'rejected';
    sphereId: string | null;
    reason: string | null;
  }) => void;
  /** A week before a mandate ends, to its holder and its grantor. */
  'role.expiring': (notice: { assignmentId: string; organisationId: string; role: string; expiresAt: string }) => void;
  /**
   * The socket's session is over and the server disconnects it right after: its access token expired
   * (not renewed with `session.renew`), the login was signed out or revoked (refresh-token reuse), or
   * the account was deleted. Sign in again (or refresh) before reconnecting.
   */
  'session.expired': (notice: { reason: 'expired' | 'logout' | 'revoked' | 'deleted' }) => void;
}

export type SubscriptionAck =
  { ok: true } | { ok: false; error: 'not-found' | 'forbidden' | 'invalid-request' | 'unavailable' };

/** `expiresAt`: when the socket ends unless renewed again (the new token's expiry). */
export type SessionRenewAck =
  { ok: true; expiresAt: string } | { ok: false; error: 'invalid-request' | 'invalid-token' | 'unavailable' };

export interface ClientToServerEvents {
  /**
   * Re-authenticates the socket with a fresh access token of the same user (after `POST /auth/refresh`),
   * so that it outlives the token it connected with; without it the socket ends when that token expires.
   */
  'session.renew': (request: { accessToken: string }, ack: (answer: SessionRenewAck) => void) => void;
  /** Joins the sphere's room (and its moderators' room for its animators). */
  subscribe: (request: { sphereId: string }, ack: (answer: SubscriptionAck) => void) => void;
  unsubscribe: (request: { sphereId: string }, ack: (answer: SubscriptionAck) => void) => void;
}

export type ServerEventName = keyof ServerToClientEvents;
export type ServerEventPayload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];
