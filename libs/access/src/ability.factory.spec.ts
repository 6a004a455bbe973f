import { AbilityFactory, samePlainData } from './ability.factory';
import { AccessProfile } from './access-profile';
import { AccessRules } from './access-rules';
import { sphereSubject } from './subjects';

const sphere = { id: 'mine', organisationId: 'org', path: '/mine/', visibility: 'secret' as const, archived: false };
const member: AccessProfile = {
  userId: 'u',
  email: 'u@example.org',
  displayName: 'U',
  instanceRole: null,
  organisationIds: ['org'],
  orgRoles: [],
  memberships: [{ sphereId: 'mine', organisationId: 'org', role: 'member', status: 'active' }],
};

describe('AbilityFactory', () => {
  const define = jest.fn<void, Parameters<AccessRules['define']>>((_profile, sets, { can }) =>
    can('read', 'Sphere', { id: { $in: sets.visible } }),
  );
  const factory = new AbilityFactory([{ name: 'spheres', define }]);
  beforeEach(() => define.mockClear());

  it('builds one ability per user, reused while later requests load an equal profile', () => {
    const first = factory.forProfile({ ...member });
    const second = factory.forProfile(structuredClone(member));
    expect(second).toBe(first);
    expect(define).toHaveBeenCalledTimes(1);
    expect(first.can('read', sphereSubject(sphere))).toBe(true);
  });

  it('builds anew when any part of the profile differs, so a changed right is never answered from before', () => {
    const fresh = new AbilityFactory([{ name: 'spheres', define }]);
    const before = fresh.forProfile({ ...member });
    const left = fresh.forProfile({ ...member, memberships: [] });
    const otherUser = fresh.forProfile({ ...member, userId: 'v' });
    expect(left).not.toBe(before);
    expect(otherUser).not.toBe(before);
    expect(left.can('read', sphereSubject(sphere))).toBe(false);
    // the user's latest profile is the one kept: their former one is built again if it comes back
    expect(fresh.forProfile({ ...member, memberships: [] })).toBe(left);
    expect(fresh.forProfile({ ...member }).can('read', sphereSubject(sphere))).toBe(true);
    expect(define).toHaveBeenCalledTimes(4);
  });

  it('compares with the profile as it was built from, even if that object is changed afterwards', () => {
    const fresh = new AbilityFactory([{ name: 'spheres', define }]);
    const loaded = structuredClone(member);
    const built = fresh.forProfile(loaded);
    loaded.memberships = [];
    expect(fresh.forProfile({ ...member, memberships: [] })).not.toBe(built);
    expect(fresh.forProfile({ ...member, memberships: [] }).can('read', sphereSubject(sphere))).toBe(false);
  });

  it('keeps no ability built for a one-off check, and still answers such a check from one already kept', () => {
    const fresh = new AbilityFactory([{ name: 'spheres', define }]);
    const once = fresh.forProfile({ ...member }, { keep: false });
    expect(once.can('read', sphereSubject(sphere))).toBe(true);
    const kept = fresh.forProfile({ ...member });
    expect(kept).not.toBe(once);
    expect(fresh.forProfile({ ...member }, { keep: false })).toBe(kept);
    expect(define).toHaveBeenCalledTimes(2);
  });

  it('tells apart profiles that differ anywhere, however deep or big', () => {
    const many = (count: number) =>
      Array.from({ length: count }, (_, i) => ({
        sphereId: `sphere-${i}`,
        organisationId: 'org',
        role: 'member' as const,
        status: 'active' as const,
      }));
    const big = { ...member, memberships: [...member.memberships, ...many(400)] };
    const first = factory.forProfile(big);
    expect(factory.forProfile(structuredClone(big))).toBe(first);
    const demoted = structuredClone(big);
    demoted.memberships[0].status = 'muted';
    expect(factory.forProfile(demoted)).not.toBe(first);
    expect(define).toHaveBeenCalledTimes(2);
  });
});

describe('samePlainData', () => {
  it('compares JSON-like data in depth, with key order free and missing and undefined keys apart', () => {
    expect(samePlainData({ a: [1, { b: null }], c: 'x' }, { c: 'x', a: [1, { b: null }] })).toBe(true);
    expect(samePlainData({ a: [1, { b: null }] }, { a: [1, { b: false }] })).toBe(false);
    expect(samePlainData({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(samePlainData({ a: [] }, { a: {} })).toBe(false);
    expect(samePlainData({ a: undefined }, { b: undefined })).toBe(false);
    expect(samePlainData({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });

  it('never finds two distinct objects of another kind equal (a Date is not compared by its keys)', () => {
    expect(samePlainData({ at: new Date(0) }, { at: new Date(1) })).toBe(false);
    expect(samePlainData({ at: new Date(0) }, { at: new Date(0) })).toBe(false);
    const same = new Date(0);
    expect(samePlainData({ at: same }, { at: same })).toBe(true);
  });
});
