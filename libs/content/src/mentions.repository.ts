import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface Mentioned {
  userId: string;
  displayName: string;
}

const MAX_MENTIONS = 50;

/**
 * `@Display Name` in a body, resolved against the sphere's active members. Names may hold spaces,
 * so the body is matched against member names rather than cut into words: the longest name wins
 * where two start at the same `@` ("@Anne" and "@Anne Marie").
 */
@Injectable()
export class MentionsRepository {
  async resolve(sphereId: string, body: string, authorId: string, manager: EntityManager): Promise<Mentioned[]> {
    if (!body.includes('@')) return [];
    // memberships_pkey (sphere_id, ...): the sphere's members, matched in SQL so only hits come back
    const candidates: Mentioned[] = await manager.query(
      `SELECT u.id AS "userId", u.display_name AS "displayName"
       FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.sphere_id = $1 AND m.status IN ('active', 'muted') AND m.user_id <> $3
         AND strpos(lower($2), '@' || lower(u.display_name)) > 0
       ORDER BY length(u.display_name) DESC LIMIT 200`,
      [sphereId, body, authorId],
    );
    return pickWholeMentions(body, candidates).slice(0, MAX_MENTIONS);
  }

  /** Records the mentions; returns those not recorded before (an edit notifies only the new ones). */
  async record(postId: string, organisationId: string, users: string[], manager: EntityManager): Promise<string[]> {
    if (users.length === 0) return [];
    const rows: { user_id: string }[] = await manager.query(
      `INSERT INTO post_mentions (post_id, user_id, organisation_id) SELECT $1, unnest($2::uuid[]), $3
       ON CONFLICT DO NOTHING RETURNING user_id`,
      [postId, users, organisationId],
    );
    return rows.map((row) => row.user_id);
  }

  async mentionedIn(postId: string, manager: EntityManager): Promise<string[]> {
    const rows: { user_id: string }[] = await manager.query(`SELECT user_id FROM post_mentions WHERE post_id = $1`, [
      postId,
    ]);
    return rows.map((row) => row.user_id);
  }
}

/**
 * Keeps candidates whose name follows an `@` and ends at a word boundary ("@Ann" is not "@Anne"),
 * each `@` going to the longest matching name (candidates come longest first).
 */
export function pickWholeMentions(body: string, candidates: Mentioned[]): Mentioned[] {
  const text = body.toLowerCase();
  const taken = new Set<number>();
  const found: Mentioned[] = [];
  for (const candidate of candidates) {
    const needle = `@${candidate.displayName.toLowerCase()}`;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      const next = text.charAt(at + needle.length);
      if (taken.has(at) || /[\p{L}\p{N}_]/u.test(next)) continue;
      taken.add(at);
      if (!found.includes(candidate)) found.push(candidate);
    }
  }
  return found;
}
