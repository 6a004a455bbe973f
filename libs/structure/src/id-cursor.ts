import { HttpStatus } from '@nestjs/common';
import { AppException, decodeCursor, encodeCursor } from '@alveole/core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keyset position on a UUID primary key; anything else is the client's mistake (400), never a SQL error. */
export function decodeIdCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const { id } = decodeCursor<{ id: string }>(cursor, ['id']);
  if (!UUID.test(id))
    throw new AppException(HttpStatus.BAD_REQUEST, 'invalid-cursor', 'The cursor is not valid for this list');
  return id;
}

/** `{ items, nextCursor }` from a page fetched with one row more than `limit`. */
export function idPage<T extends { id: string }>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor({ id: items[items.length - 1].id }) : null };
}
