import { pathRanges } from './case-queue.statements';

describe('pathRanges', () => {
  it('bounds each subtree by its prefix and the next prefix of the same length', () => {
    expect(pathRanges(['/a/b/'])).toEqual({ since: ['/a/b/'], upto: ['/a/b0'] });
  });

  it('keeps only the outermost of nested subtrees, once each, in path order', () => {
    const sut = pathRanges(['/a/c/', '/a/b/x/', '/a/b/', '/a/c/']);
    expect(sut).toEqual({ since: ['/a/b/', '/a/c/'], upto: ['/a/b0', '/a/c0'] });
  });

  it('the ranges hold exactly the paths that start with a prefix (C collation order)', () => {
    const { since, upto } = pathRanges(['/r1/', '/r3/l/']);
    const inside = (path: string) => since.some((from, i) => path >= from && path < upto[i]);
    for (const path of ['/r1/', '/r1/l1/', '/r1/~/', '/r3/l/', '/r3/l/x/'])
      expect([path, inside(path)]).toEqual([path, true]);
    for (const path of ['/r1', '/r10/', '/r2/', '/r3/', '/r3/l2/', '/r3/lx/'])
      expect([path, inside(path)]).toEqual([path, false]);
  });
});
