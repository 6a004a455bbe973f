import { AppException } from '../errors/app-exception';
import { HttpStatus } from '@nestjs/common';

/** Lists answer `{ items, nextCursor }` (API.md). */
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

export function decodeCursor<T extends Record<string, string | number>>(cursor: string, keys: (keyof T)[]): T {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
    if (value && typeof value === 'object' && keys.every((k) => ['string', 'number'].includes(typeof value[k])))
      return value;
  } catch {
    // fall through: any undecodable cursor is the client's mistake
  }
  throw new AppException(HttpStatus.BAD_REQUEST, 'invalid-cursor', 'The cursor is not valid for this list');
}
