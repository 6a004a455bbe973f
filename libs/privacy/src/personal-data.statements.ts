/**
 * What the export reads about one person ($1: their id), read-only, from the tables of the contexts
 * that keep it (as other contexts read structure's tables). Each statement picks its columns: the
 * person's own rows and text, and of anything else ids only. The indexes they rely on are the
 * per-user ones of each table (users_pkey, memberships_user, posts_author…); an export is rare.
 */
export const PERSONAL_DATA = {
  /** The whole row but secrets (filtered in code too): new columns (a username…) appear without a change here. */
  profile: `SELECT to_jsonb(u) - 'password_hash' AS row FROM users u WHERE u.id = $1`,

  organisations: `
    SELECT m.organisation_id AS "organisationId", o.name AS "organisationName", m.joined_at AS "joinedAt",
           m.charter_version_accepted AS "charterVersionAccepted"
      FROM organisation_members m JOIN organisations o ON o.id = m.organisation_id
     WHERE m.user_id = $1 ORDER BY m.joined_at`,

  spheres: `
    SELECT m.sphere_id AS "sphereId", s.name AS "sphereName", m.organisation_id AS "organisationId", m.role,
           m.status, m.joined_at AS "joinedAt", m.expires_at AS "expiresAt", m.muted_until AS "mutedUntil",
           m.addendum_version_accepted AS "addendumVersionAccepted", m.created_at AS "createdAt"
      FROM memberships m JOIN spheres s ON s.id = m.sphere_id
     WHERE m.user_id = $1 ORDER BY m.created_at`,

  roles: `
    SELECT id, organisation_id AS "organisationId", role, scope_sphere_id AS "scopeSphereId",
           expires_at AS "expiresAt", granted_by AS "grantedBy", created_at AS "createdAt",
           revoked_at AS "revokedAt", revoked_by AS "revokedBy"
      FROM role_assignments WHERE user_id = $1 ORDER BY created_at`,

  posts: `
    SELECT p.id, p.organisation_id AS "organisationId", p.sphere_id AS "sphereId", p.body, p.status, p.important,
           p.attachment_ids AS "attachmentIds", p.created_at AS "createdAt", p.edited_at AS "editedAt",
           p.deleted_at AS "deletedAt",
           COALESCE((SELECT json_agg(json_build_object('body', r.body, 'replacedAt', r.created_at) ORDER BY r.created_at)
                       FROM post_revisions r WHERE r.post_id = p.id AND r.edited_by = $1), '[]') AS "earlierVersions"
      FROM posts p WHERE p.author_id = $1 ORDER BY p.created_at, p.id`,

  /** For a reply, the parent's id only: the parent's text is someone else's. */
  comments: `
    SELECT id, organisation_id AS "organisationId", sphere_id AS "sphereId", post_id AS "postId",
           parent_id AS "inReplyTo", body, status, created_at AS "createdAt", edited_at AS "editedAt",
           deleted_at AS "deletedAt"
      FROM comments WHERE author_id = $1 ORDER BY created_at, id`,

  reactions: `
    SELECT post_id AS "postId", organisation_id AS "organisationId", kind, created_at AS "createdAt"
      FROM reactions WHERE user_id = $1 ORDER BY created_at`,

  reports: `
    SELECT id, organisation_id AS "organisationId", sphere_id AS "sphereId", target_type AS "targetType",
           target_id AS "targetId", charter_version AS "charterVersion", article, category, note,
           created_at AS "createdAt"
      FROM reports WHERE reporter_id = $1 ORDER BY created_at, id`,

  notifications: `
    SELECT event_id AS id, kind, organisation_id AS "organisationId", sphere_id AS "sphereId",
           subject_type AS "subjectType", subject_id AS "subjectId", actor_id AS "actorId",
           created_at AS "createdAt", read_at AS "readAt", email AS "emailDelivery", push AS "pushDelivery"
      FROM notifications WHERE user_id = $1 ORDER BY created_at, event_id`,

  sphereLevels: `
    SELECT sphere_id AS "sphereId", level, updated_at AS "updatedAt"
      FROM notification_preferences WHERE user_id = $1 ORDER BY updated_at`,

  notificationSettings: `
    SELECT email_enabled AS "emailEnabled", quiet_start AS "quietStart", quiet_end AS "quietEnd",
           time_zone AS "timeZone", daily_email_cap AS "dailyEmailCap", email_failed_at AS "emailFailedAt",
           updated_at AS "updatedAt"
      FROM notification_settings WHERE user_id = $1`,

  /** Devices, not their push keys (secrets of the browser, useless to the person). */
  pushDevices: `
    SELECT id, device, created_at AS "createdAt", last_sent_at AS "lastSentAt"
      FROM push_subscriptions WHERE user_id = $1 ORDER BY created_at`,

  /** Login families (one per sign-in, renewed by refresh): no token hashes. */
  sessions: `
    SELECT family_id AS id, min(created_at) AS "createdAt", max(COALESCE(used_at, created_at)) AS "lastUsedAt",
           max(expires_at) AS "expiresAt",
           CASE WHEN bool_and(revoked_at IS NOT NULL) THEN max(revoked_at) END AS "revokedAt"
      FROM refresh_tokens WHERE user_id = $1 GROUP BY family_id ORDER BY min(created_at)`,

  securityEvents: `
    SELECT kind, ip, occurred_at AS "occurredAt" FROM security_events WHERE user_id = $1 ORDER BY occurred_at`,

  /** Where I am the actor, the target, or the person a role or membership entry is about. */
  audit: `
    SELECT id, organisation_id AS "organisationId", action, target_type AS "targetType", target_id AS "targetId",
           actor_id AS "actorId", before, after, created_at AS "createdAt"
      FROM audit_log
     WHERE actor_id = $1 OR target_id = $1 OR before->>'userId' = $1::text OR after->>'userId' = $1::text
     ORDER BY created_at, id`,

  /** Every version I uploaded, with the document it belongs to. */
  documentVersions: `
    SELECT d.id AS "documentId", d.organisation_id AS "organisationId", d.sphere_id AS "sphereId", d.name,
           d.status, d.deleted_at AS "deletedAt", v.version, v.size::float8 AS size, v.mime_type AS "mimeType",
           v.sha256, v.created_at AS "uploadedAt", v.storage_key AS "storageKey"
      FROM document_versions v JOIN documents d ON d.id = v.document_id
     WHERE v.uploaded_by = $1 ORDER BY v.created_at, d.id, v.version`,
};
