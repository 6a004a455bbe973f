import { NOTIFICATION_VIEW_COLUMNS, NOTIFICATION_VIEW_JOINS } from '../reading-rule';

/**
 * Who receives e-mail and how: address, language (theirs, else the instance's, else French), quiet
 * hours, cap, and the e-mails already sent since their local midnight of `$2` (what the cap counts).
 * `$1`: the user ids.
 */
export const EMAIL_RECIPIENTS = `
  SELECT u.id, u.email, u.display_name AS "displayName",
         coalesce(u.locale, (SELECT default_locale FROM brands WHERE is_default), 'fr') AS locale,
         to_char(ns.quiet_start, 'HH24:MI') AS "quietStart", to_char(ns.quiet_end, 'HH24:MI') AS "quietEnd",
         coalesce(ns.time_zone, 'Europe/Paris') AS "timeZone", coalesce(ns.daily_email_cap, 20) AS "dailyCap",
         -- a member without e-mail (issue 15) is as one who turned e-mail off: in-app and push only
         (u.email IS NULL OR ns.email_enabled = false OR ns.email_failed_at IS NOT NULL) IS TRUE AS "emailOff",
         (SELECT count(*)::int FROM notification_emails e
           WHERE e.user_id = u.id
             AND e.sent_at >= date_trunc('day', $2::timestamptz AT TIME ZONE coalesce(ns.time_zone, 'Europe/Paris'))
                              AT TIME ZONE coalesce(ns.time_zone, 'Europe/Paris')) AS "sentToday"
    FROM users u LEFT JOIN notification_settings ns ON ns.user_id = u.id
   WHERE u.id = ANY($1::uuid[])`;

/** The recipients of event `$1` among `$2` whose item waits for an immediate e-mail. */
export const IMMEDIATE_WAITING = `
  SELECT user_id FROM notifications WHERE event_id = $1 AND user_id = ANY($2::uuid[]) AND email = 'immediate'`;

/**
 * Claims a user's items in state `$2` (of event `$3`, or all up to `$4`) for one e-mail: they turn
 * `sent` in the caller's transaction, so no retry and no other e-mail can carry them again; returns
 * them as the app shows them (the reading rule decides the excerpt).
 */
export const CLAIM_ITEMS = `
  WITH claimed AS (
    UPDATE notifications SET email = 'sent'
     WHERE user_id = $1 AND email = $2 AND ($3::uuid IS NULL OR event_id = $3) AND created_at <= $4
    RETURNING *)
  SELECT ${NOTIFICATION_VIEW_COLUMNS}
    FROM claimed n
    ${NOTIFICATION_VIEW_JOINS}
   ORDER BY s.name NULLS LAST, n.event_id`;

/** The e-mail that carries the claimed items (caps and digests count these). */
export const RECORD_EMAIL = `
  INSERT INTO notification_emails (id, user_id, kind, item_count, sent_at) VALUES ($1, $2, $3, $4, $5)`;

/** An item that cannot go now rolls into the next daily digest. */
export const DEFER_TO_DIGEST = `
  UPDATE notifications SET email = 'daily' WHERE user_id = $1 AND event_id = $2 AND email = 'immediate'`;

/** A send that failed for now: the item waits again (a later run sends it). */
export const UNCLAIM_IMMEDIATE = `
  UPDATE notifications SET email = 'immediate' WHERE user_id = $1 AND event_id = $2 AND email = 'sent'`;

/** A refused address: paused (the writer then skips e-mail), and what waited for it never goes. */
export const MARK_ADDRESS_FAILING = `
  WITH paused AS (
    INSERT INTO notification_settings (user_id, email_failed_at) VALUES ($1, now())
    ON CONFLICT (user_id) DO UPDATE SET email_failed_at = now(), updated_at = now())
  UPDATE notifications SET email = 'none'
   WHERE user_id = $1 AND (email IN ('immediate', 'daily', 'weekly') OR event_id = ANY($2::uuid[]))`;

/** E-mail turned off (or paused) since the items were written: what waited never goes. */
export const DROP_WAITING = `
  UPDATE notifications SET email = 'none' WHERE user_id = $1 AND email IN ('immediate', 'daily', 'weekly')`;

/** Users with items waiting for a digest of kind `$1`. */
export const DIGEST_CANDIDATES = `
  SELECT DISTINCT user_id FROM notifications WHERE email = $1 AND created_at <= $2`;

/** Whether a digest of kind `$2` went to the user since the start of their local day (`$5` 'day') or week ('week') of `$3`, in zone `$4`. */
export const DIGEST_SENT_SINCE = `
  SELECT EXISTS (SELECT 1 FROM notification_emails WHERE user_id = $1 AND kind = $2
                    AND sent_at >= date_trunc($5, $3::timestamptz AT TIME ZONE $4) AT TIME ZONE $4) AS sent`;
