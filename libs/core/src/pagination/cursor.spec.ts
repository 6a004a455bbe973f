import { AppException } from '../errors/app-exception';
import { decodeCursor, encodeCursor, keysetPage } from './cursor';

describe('cursors', () => {
  it('round-trips a position and checks each key against its kind', () => {
    const id = '01a2012e-9960-7571-8a01-0abca5aef7bb';
    expect(decodeCursor<{ id: string; n: number }>(encodeCursor({ id, n: 3 }), { id: 'uuid', n: 'number' })).toEqual({
      id,
      n: 3,
    });
  });

  it.each([
    ['not base64 json', 'garbage!!'],
    ['a wrong kind', encodeCursor({ id: 'x' })],
    ['a missing key', encodeCursor({ other: '01a2012e-9960-7571-8a01-0abca5aef7bb' })],
  ])('answers 400 invalid-cursor for %s', (_, cursor) => {
    expect(() => decodeCursor(cursor, { id: 'uuid' })).toThrow(AppException);
    try {
      decodeCursor(cursor, { id: 'uuid' });
    } catch (error) {
      expect((error as AppException).type).toBe('invalid-cursor');
      expect((error as AppException).status).toBe(400);
    }
  });

  it('pages with one extra row: a next cursor only when there is more', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const full = keysetPage(rows, 2, (r) => ({ id: r.id }));
    expect(full.items).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(decodeCursor<{ id: string }>(full.nextCursor!, { id: 'text' })).toEqual({ id: 'b' });
    expect(keysetPage(rows.slice(0, 2), 2, (r) => ({ id: r.id })).nextCursor).toBeNull();
  });
});
