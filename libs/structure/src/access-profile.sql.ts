// No imports: the benchmarks' bare references send this very statement.
/**
 * The caller's organisations, roles in force and memberships, for the access gate (which caches it per
 * request): one prepared statement, three JSON-aggregated lookups each served by its user index.
 */
// organisation_members_user_idx, role_assignments_user_idx, memberships_user_idx (then the spheres and
// organisation_members primary keys per membership); expired or revoked roles and memberships past their
// end date grant nothing. The charter is accepted once per organisation version (organisation_members),
// a sphere's addendum once per addendum version (memberships); an addendum binds only under a charter,
// and a cleared one (NULL: IS NOT NULL reads the null bitmap, never the text) asks nothing.
export const PROFILE_SQL = `
  SELECT
    (SELECT coalesce(json_agg(organisation_id), '[]') FROM organisation_members WHERE user_id = $1) AS organisations,
    (SELECT coalesce(json_agg(json_build_object(
        'assignmentId', r.id, 'organisationId', r.organisation_id, 'role', r.role,
        'scopeSphereId', r.scope_sphere_id, 'scopePath', s.path)), '[]')
       FROM role_assignments r LEFT JOIN spheres s ON s.id = r.scope_sphere_id
      WHERE r.user_id = $1 AND r.revoked_at IS NULL AND (r.expires_at IS NULL OR r.expires_at > now())) AS roles,
    (SELECT coalesce(json_agg(json_build_object(
        'sphereId', m.sphere_id, 'organisationId', m.organisation_id, 'role', m.role,
        -- a mute ends by itself at muted_until
        'status', CASE WHEN m.status = 'muted' AND m.muted_until <= now() THEN 'active' ELSE m.status END,
        'mustAcceptCharter', o.charter_version > coalesce(om.charter_version_accepted, 0)
          OR (o.charter_version > 0 AND s.charter_addendum IS NOT NULL
              AND s.charter_addendum_version > coalesce(m.addendum_version_accepted, 0)),
        -- null ("first acceptance") until this sphere's addendum, if any, was accepted once
        'charterVersionAccepted', CASE WHEN s.charter_addendum IS NOT NULL AND s.charter_addendum_version > 0
          AND m.addendum_version_accepted IS NULL THEN NULL ELSE om.charter_version_accepted END)), '[]')
       FROM memberships m JOIN organisations o ON o.id = m.organisation_id
       JOIN spheres s ON s.id = m.sphere_id
       LEFT JOIN organisation_members om ON om.organisation_id = m.organisation_id AND om.user_id = m.user_id
      WHERE m.user_id = $1 AND (m.expires_at IS NULL OR m.expires_at > now())) AS memberships`;

/**
 * The caller: the user row (the columns UsersRepository.findPrincipal reads, by users_pkey) and the profile
 * above, in one round trip for the routes that read the profile anyway. A deleted user has no row: no caller.
 */
export const CALLER_SQL = `
  SELECT u.id AS "userId", u.email, u.username, u.display_name AS "displayName", u.instance_role AS "instanceRole",
         p.organisations, p.roles, p.memberships
    FROM users u CROSS JOIN LATERAL (${PROFILE_SQL}) p
   WHERE u.id = $1`;
