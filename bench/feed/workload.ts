import { createSecretKey } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { Client } from 'pg';
import { feedStatement } from '../../libs/content/src/feed.statements';
import { BIG_SLUG, MID_SLUG } from './plan';

/*
 * What the requests of bench:feed need, read from the seeded database: the spheres, the readers' tokens, and
 * the cursors of the deep pages. A cursor is the app's own encoding (base64url JSON of `{ t, id }`, t = created_at
 * in µs) of the last post of the page before; the posts come from the app's feed statements themselves, run with
 * a limit as large as the pages before, so their order is exactly the feeds'. The bench then checks that the page
 * before the deep one hands out that very cursor as its nextCursor.
 */

export const PAGE_SIZE = 20;

export interface Workload {
  bigSphereId: string;
  midSphereId: string;
  readerIds: string[];
  bearers: string[];
  /** Cursors of the deep page and of the page before it (whose nextCursor must be the deep one), for reader 1. */
  sphereDeep: { cursor: string; before: string };
  homeDeep: { cursor: string; before: string };
}

interface Position {
  position: string;
  id: string;
}

export function encodeCursor(row: Position): string {
  return Buffer.from(JSON.stringify({ t: Number(row.position), id: row.id })).toString('base64url');
}

export async function loadWorkload(
  databaseUrl: string,
  jwtSecret: string,
  readers: number,
  deepPage: number,
): Promise<Workload> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const spheres = await client.query<{ id: string; slug: string }>(
      `SELECT id, slug FROM spheres WHERE slug IN ($1, $2)`,
      [BIG_SLUG, MID_SLUG],
    );
    const idOf = (slug: string) => spheres.rows.find((row) => row.slug === slug)!.id;
    const { rows: users } = await client.query<{ id: string }>(`SELECT id FROM users ORDER BY created_at LIMIT $1`, [
      readers,
    ]);
    // as TokenService signs them: { sub } with HS256 and an expiry, here long enough for any run
    const key = createSecretKey(Buffer.from(jwtSecret));
    const bearers = users.map(
      ({ id }) => `Bearer ${sign({ sub: id }, key, { algorithm: 'HS256', expiresIn: 24 * 3600 })}`,
    );
    const reader = users[0].id;
    const bigSphereId = idOf(BIG_SLUG);
    const rows = (deepPage - 1) * PAGE_SIZE;
    return {
      bigSphereId,
      midSphereId: idOf(MID_SLUG),
      readerIds: users.map((user) => user.id),
      bearers,
      sphereDeep: await sphereCursors(client, bigSphereId, reader, rows),
      homeDeep: await homeCursors(client, reader, rows),
    };
  } finally {
    await client.end();
  }
}

/** The reader's parameters as FeedsService derives them (membership role and status, the sphere's history rule). */
async function sphereCursors(client: Client, sphereId: string, readerId: string, rows: number) {
  const { rows: facts } = await client.query<{ moderates: boolean; visible: boolean; joined: Date | null }>(
    `SELECT m.status = 'active' AND m.role IN ('animator', 'sphere_admin') AS moderates,
            s.history_visible_to_newcomers AS visible, coalesce(m.joined_at, m.created_at) AS joined
       FROM spheres s JOIN memberships m ON m.sphere_id = s.id AND m.user_id = $2 WHERE s.id = $1`,
    [sphereId, readerId],
  );
  const { moderates, visible, joined } = facts[0];
  const oldest = visible || !joined ? '-infinity' : joined;
  const { rows: found } = await client.query<Position>(
    `SELECT f.position, f.id FROM (${feedStatement('sphere', 'first', rows).text}) f WHERE NOT f.pinned
      ORDER BY f.position::int8 DESC, f.id DESC OFFSET $5 LIMIT ${PAGE_SIZE + 1}`,
    [sphereId, readerId, moderates, oldest, rows - PAGE_SIZE - 1],
  );
  return cursorsOf(found, 'sphere');
}

async function homeCursors(client: Client, readerId: string, rows: number) {
  const { rows: scope } = await client.query<{ readable: string[]; moderated: string[] }>(
    `SELECT coalesce(array_agg(sphere_id) FILTER (WHERE status IN ('active', 'muted')), '{}') AS readable,
            coalesce(array_agg(sphere_id) FILTER (WHERE status = 'active' AND role IN ('animator', 'sphere_admin')),
                     '{}') AS moderated
       FROM memberships WHERE user_id = $1 AND (expires_at IS NULL OR expires_at > now())`,
    [readerId],
  );
  const { rows: found } = await client.query<Position>(
    `SELECT f.position, f.id FROM (${feedStatement('home', 'first', rows).text}) f
      ORDER BY f.position::int8 DESC, f.id DESC OFFSET $4 LIMIT ${PAGE_SIZE + 1}`,
    [readerId, scope[0].readable, scope[0].moderated, rows - PAGE_SIZE - 1],
  );
  return cursorsOf(found, 'home');
}

/** Rows n − size .. n: the first ends the page before the deep one, the last ends the page before that. */
function cursorsOf(found: Position[], feed: string): { cursor: string; before: string } {
  if (found.length !== PAGE_SIZE + 1) throw new Error(`the ${feed} feed is too short for the deep page`);
  return { before: encodeCursor(found[0]), cursor: encodeCursor(found[PAGE_SIZE]) };
}
