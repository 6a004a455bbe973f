import { AppException } from '../errors/app-exception';
import { HttpStatus } from '@nestjs/common';

/** Lists answer `{ items, nextCursor }` (docs/api.md). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

/** Keyset position, opaque to clients (base64url JSON). */
export function encodeCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KINDS = {
  uuid: (v: unknown) => typeof v === 'string' && UUID.test(v),
  text: (v: unknown) => typeof v === 'string' && v.length <= 1000,
  number: (v: unknown) => typeof v === 'number' && Number.isFinite(v),
};
export type CursorShape = Record<string, keyof typeof KINDS>;

/**
 * Reads a cursor this API issued, checking every key against its kind: a tampered cursor is the
 * client's mistake (400 `invalid-cursor`), never a SQL error.
 */
export function decodeCursor<T extends Record<string, string | number>>(
  cursor: string,
  shape: { [K in keyof T]: keyof typeof KINDS },
): T {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
    if (value && typeof value === 'object' && Object.entries(shape).every(([key, kind]) => KINDS[kind](value[key])))
      return value;
  } catch {
    // fall through: any undecodable cursor is the client's mistake
  }
  throw new AppException(HttpStatus.BAD_REQUEST, 'invalid-cursor', 'The cursor is not valid for this list');
}

/**
 * A page from rows fetched with one more than `limit` (the extra row only says there is more);
 * `position` gives the keyset position of the last row kept.
 */
export function keysetPage<T>(
  rows: T[],
  limit: number,
  position: (last: T) => Record<string, string | number>,
): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(position(items[items.length - 1])) : null };
}

/** Keyset position on a UUID primary key (UUIDv7: newest last). */
export function decodeIdCursor(cursor: string | undefined): string | undefined {
  return cursor === undefined ? undefined : decodeCursor<{ id: string }>(cursor, { id: 'uuid' }).id;
}

/** `{ items, nextCursor }` from rows keyed by id, fetched with one row more than `limit`. */
export function idPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  return keysetPage(rows, limit, (last) => ({ id: last.id }));
}

export function mapPage<T, R>(page: Page<T>, map: (item: T) => R): Page<R> {
  return { items: page.items.map(map), nextCursor: page.nextCursor };
}
