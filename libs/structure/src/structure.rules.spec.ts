import { AbilityFactory, AccessProfile, SphereFacts, sphereSubject } from '@alveole/access';
import { auditRules } from '@alveole/audit';
import { contentRules } from '@alveole/content';
import { identityRules } from '@alveole/identity';
import { structureRules } from './structure.rules';

const ORG = '01a2012e-0000-7000-8000-000000000001';
const sphere = (id: string, path: string, extra: Partial<SphereFacts> = {}): SphereFacts => ({
  id,
  organisationId: ORG,
  path,
  visibility: 'public',
  archived: false,
  ...extra,
});
const national = sphere('n', '/n/');
const north = sphere('a', '/n/a/');
const lille = sphere('a1', '/n/a/a1/');
const south = sphere('b', '/n/b/', { visibility: 'secret' });

function profile(overrides: Partial<AccessProfile>): AccessProfile {
  return {
    userId: 'u',
    email: 'u@example.org',
    displayName: 'U',
    instanceRole: null,
    organisationIds: [ORG],
    orgRoles: [],
    memberships: [],
    ...overrides,
  };
}

describe('structure rules', () => {
  const sut = new AbilityFactory([identityRules, structureRules, auditRules, contentRules]);

  it('lets a member read and post in their sphere only, and see listed spheres of their organisation', () => {
    const ability = sut.forProfile(
      profile({ memberships: [{ sphereId: 'a1', organisationId: ORG, role: 'member', status: 'active' }] }),
    );
    expect(ability.can('post', sphereSubject(lille))).toBe(true);
    expect(ability.can('read_content', sphereSubject(north))).toBe(false);
    expect(ability.can('read', sphereSubject(north))).toBe(true);
    expect(ability.can('read', sphereSubject(south))).toBe(false);
    expect(ability.can('moderate', sphereSubject(lille))).toBe(false);
  });

  it('gives a scoped system manager the structure of their subtree but never its content', () => {
    const ability = sut.forProfile(
      profile({
        orgRoles: [
          { assignmentId: 'r', organisationId: ORG, role: 'system_manager', scopeSphereId: 'a', scopePath: '/n/a/' },
        ],
      }),
    );
    expect(ability.can('update', sphereSubject(lille))).toBe(true);
    expect(ability.can('move', sphereSubject(north))).toBe(true);
    expect(ability.can('update', sphereSubject(national))).toBe(false);
    expect(ability.can('read_content', sphereSubject(lille))).toBe(false);
    expect(ability.can('post', sphereSubject(lille))).toBe(false);
  });

  it('keeps archived spheres read-only and instance admins out of content they are not members of', () => {
    const admin = sut.forProfile(profile({ instanceRole: 'instance_admin', organisationIds: [] }));
    expect(admin.can('update', sphereSubject(north))).toBe(true);
    expect(admin.can('update', sphereSubject({ ...north, archived: true }))).toBe(false);
    expect(admin.can('read_content', sphereSubject(north))).toBe(false);
  });

  it('matches `$in` against hundreds of ids exactly (set lookup)', () => {
    const memberships = Array.from({ length: 300 }, (_, i) => ({
      sphereId: `s${i}`,
      organisationId: ORG,
      role: 'visitor' as const,
      status: 'active' as const,
    }));
    const ability = sut.forProfile(profile({ memberships }));
    expect(ability.can('read_content', sphereSubject(sphere('s299', '/s299/')))).toBe(true);
    expect(ability.can('read_content', sphereSubject(sphere('s300', '/s300/')))).toBe(false);
    expect(ability.can('post', sphereSubject(sphere('s1', '/s1/')))).toBe(false);
  });

  it('answers route-level questions from the rule shapes alone', () => {
    const route = sut.forUser({ userId: 'u', email: 'u@example.org', displayName: 'U', instanceRole: null });
    expect(route.can('update', 'Sphere')).toBe(true);
    expect(route.can('create', 'Organisation')).toBe(false);
    expect(route.can('read', 'Jobs')).toBe(false);
  });
});
