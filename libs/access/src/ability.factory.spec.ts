import { AbilityFactory } from './ability.factory';
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

  it('builds one ability per distinct profile, shared by equal profiles of later requests', () => {
    const first = factory.forProfile({ ...member });
    const second = factory.forProfile(structuredClone(member));
    expect(second).toBe(first);
    expect(define).toHaveBeenCalledTimes(1);
    expect(first.can('read', sphereSubject(sphere))).toBe(true);
  });

  it('builds anew when any part of the profile differs, so a changed right is never answered from before', () => {
    const before = factory.forProfile({ ...member });
    const left = factory.forProfile({ ...member, memberships: [] });
    const otherUser = factory.forProfile({ ...member, userId: 'v' });
    expect(left).not.toBe(before);
    expect(otherUser).not.toBe(before);
    expect(left.can('read', sphereSubject(sphere))).toBe(false);
    expect(factory.forProfile({ ...member })).toBe(before);
  });

  it('shares and tells apart the abilities of big profiles too (keyed by digest, not verbatim)', () => {
    const many = (count: number) =>
      Array.from({ length: count }, (_, i) => ({
        sphereId: `sphere-${i}`,
        organisationId: 'org',
        role: 'member' as const,
        status: 'active' as const,
      }));
    const big = { ...member, memberships: [...member.memberships, ...many(40)] };
    expect(JSON.stringify(big).length).toBeGreaterThan(2048);
    const first = factory.forProfile(big);
    expect(factory.forProfile(structuredClone(big))).toBe(first);
    const fewer = factory.forProfile({ ...big, memberships: big.memberships.slice(1) });
    expect(fewer).not.toBe(first);
    expect(fewer.can('read', sphereSubject(sphere))).toBe(false);
    expect(define).toHaveBeenCalledTimes(2);
  });
});
