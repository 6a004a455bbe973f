import { decodeCursor, keysetPage, Page } from '@alveole/core';

/** Keyset position on a UUID primary key. */
export function decodeIdCursor(cursor: string | undefined): string | undefined {
  return cursor === undefined ? undefined : decodeCursor<{ id: string }>(cursor, { id: 'uuid' }).id;
}

/** `{ items, nextCursor }` from a page fetched with one row more than `limit`. */
export function idPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  return keysetPage(rows, limit, (last) => ({ id: last.id }));
}
