import { holdsNul, nestsDeeperThan } from './hostile-input';

describe('nestsDeeperThan', () => {
  it('counts array and object nesting', () => {
    expect(nestsDeeperThan('{"a":[{"b":[1]}]}', 4)).toBe(false);
    expect(nestsDeeperThan('{"a":[{"b":[1]}]}', 3)).toBe(true);
    expect(nestsDeeperThan('['.repeat(100_000), 32)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(JSON.stringify({ a: '[[[[[[{{{{', b: 'say \\"[[[[[" ok' }), 1)).toBe(false);
    expect(nestsDeeperThan('{"a":"\\\\"}', 1)).toBe(false);
  });
});

describe('holdsNul', () => {
  it('finds a NUL in any string or key, however deep', () => {
    expect(holdsNul({ a: [{ b: ['ok', 'no\u0000'] }] })).toBe(true);
    expect(holdsNul({ a: { ['k\u0000']: 1 } })).toBe(true);
    expect(holdsNul('\u0000')).toBe(true);
  });

  it('passes values without one, and what is not text', () => {
    expect(holdsNul({ a: [{ b: ['ok', 1, null, true] }], c: 'fine' })).toBe(false);
    expect(holdsNul(Buffer.from([0, 0]))).toBe(false);
    expect(holdsNul(undefined)).toBe(false);
    expect(holdsNul(Object.create({ inherited: '\u0000' }))).toBe(false);
  });
});
