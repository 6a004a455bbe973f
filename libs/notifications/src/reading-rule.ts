/**
 * What a notification `n` shows resolved at read time, the same in the app and in e-mails: the sphere's
 * and the actor's names, and the excerpt only while the content is published and its recipient still
 * reads the sphere (a removed post or an ended membership shows no content).
 */
export const EXCERPT_CHARS = 140;

export const NOTIFICATION_VIEW_COLUMNS = `n.event_id AS id, n.kind, n.organisation_id AS "organisationId",
              n.sphere_id AS "sphereId", s.name AS "sphereName", n.subject_type AS "subjectType",
              n.subject_id AS "subjectId", n.actor_id AS "actorId", a.display_name AS "actorName",
              CASE WHEN reader.ok THEN left(coalesce(p.body, c.body), ${EXCERPT_CHARS}) END AS excerpt,
              n.created_at AS "createdAt", n.read_at AS "readAt"`;

export const NOTIFICATION_VIEW_JOINS = `LEFT JOIN spheres s ON s.id = n.sphere_id
         LEFT JOIN users a ON a.id = n.actor_id
         LEFT JOIN posts p ON n.subject_type = 'post' AND p.id = n.subject_id AND p.status = 'published'
                          AND p.deleted_at IS NULL
         LEFT JOIN comments c ON n.subject_type = 'comment' AND c.id = n.subject_id AND c.deleted_at IS NULL
                             AND c.status = 'published'
         CROSS JOIN LATERAL (
           SELECT EXISTS (SELECT 1 FROM memberships m WHERE m.sphere_id = n.sphere_id AND m.user_id = n.user_id
                                                         AND m.status IN ('active', 'muted')) AS ok) reader`;
