import {
  AbilityFactory,
  AccessProfile,
  contentScope,
  HeldMembership,
  SphereFacts,
  sphereSubject,
} from '@alveole/access';
import { auditRules } from '@alveole/audit';
import { identityRules } from '@alveole/identity';
import { structureRules } from '@alveole/structure';
import { contentRules, PostFacts, postSubject } from './content.rules';

const ORG = '01a2012e-0000-7000-8000-000000000001';
const S = 's1';
const sphere: SphereFacts = { id: S, organisationId: ORG, path: `/${S}/`, visibility: 'private', archived: false };
const post = (extra: Partial<PostFacts> = {}): PostFacts => ({
  id: 'p',
  sphereId: S,
  authorId: 'author',
  status: 'published',
  sphereArchived: false,
  olderThanReader: false,
  ...extra,
});

function profile(userId: string, memberships: Partial<HeldMembership>[], extra: Partial<AccessProfile> = {}) {
  return {
    userId,
    email: `${userId}@example.org`,
    displayName: userId,
    instanceRole: null,
    organisationIds: [ORG],
    orgRoles: [],
    memberships: memberships.map((m) => ({ sphereId: S, organisationId: ORG, role: 'member', status: 'active', ...m })),
    ...extra,
  } as AccessProfile;
}

describe('post rules', () => {
  const sut = new AbilityFactory([identityRules, structureRules, auditRules, contentRules]);

  it('shows pending posts to their author and the animators only', () => {
    const pending = postSubject(post({ status: 'pending' }));
    expect(sut.forProfile(profile('author', [{}])).can('read', pending)).toBe(true);
    expect(sut.forProfile(profile('reader', [{}])).can('read', pending)).toBe(false);
    expect(sut.forProfile(profile('anim', [{ role: 'animator' }])).can('read', pending)).toBe(true);
    expect(sut.forProfile(profile('anim', [{ role: 'animator' }])).can('approve', pending)).toBe(true);
    expect(sut.forProfile(profile('reader', [{}])).can('approve', pending)).toBe(false);
  });

  it('lets only animators post in an announcement sphere, and nobody in an archived one', () => {
    const announcement = sphereSubject({ ...sphere, postingPolicy: 'animators' });
    expect(sut.forProfile(profile('m', [{}])).can('post', announcement)).toBe(false);
    expect(sut.forProfile(profile('a', [{ role: 'animator' }])).can('post', announcement)).toBe(true);
    const archived = sphereSubject({ ...sphere, archived: true });
    expect(sut.forProfile(profile('a', [{ role: 'animator' }])).can('post', archived)).toBe(false);
  });

  it('lets a muted member read and react but not post, edit or comment', () => {
    const muted = sut.forProfile(profile('author', [{ status: 'muted' }]));
    expect(muted.can('read', postSubject(post()))).toBe(true);
    expect(muted.can('react', postSubject(post()))).toBe(true);
    expect(muted.can('comment', postSubject(post()))).toBe(false);
    expect(muted.can('update', postSubject(post()))).toBe(false);
    expect(muted.can('post', sphereSubject(sphere))).toBe(false);
  });

  it('keeps visitors to reading', () => {
    const visitor = sut.forProfile(profile('v', [{ role: 'visitor' }]));
    expect(visitor.can('read', postSubject(post()))).toBe(true);
    expect(visitor.can('react', postSubject(post()))).toBe(false);
    expect(visitor.can('comment', postSubject(post()))).toBe(false);
    expect(visitor.can('post', sphereSubject(sphere))).toBe(false);
  });

  it('gives the instance admin no content rights outside their memberships, and member rights within', () => {
    const admin = sut.forProfile(profile('admin', [], { instanceRole: 'instance_admin' }));
    expect(admin.can('read', postSubject(post()))).toBe(false);
    expect(admin.can('delete', postSubject(post()))).toBe(false);
    expect(admin.can('update', sphereSubject(sphere))).toBe(true);
    const visitor = sut.forProfile(profile('admin', [{ role: 'visitor' }], { instanceRole: 'instance_admin' }));
    expect(visitor.can('read', postSubject(post()))).toBe(true);
    expect(visitor.can('post', sphereSubject(sphere))).toBe(false);
    const member = sut.forProfile(profile('admin', [{}], { instanceRole: 'instance_admin' }));
    expect(member.can('read', postSubject(post()))).toBe(true);
    expect(member.can('moderate', postSubject(post()))).toBe(false);
    expect(member.can('post', sphereSubject({ ...sphere, postingPolicy: 'animators' }))).toBe(false);
  });

  it('freezes posts of an archived sphere', () => {
    const animator = sut.forProfile(profile('author', [{ role: 'animator' }]));
    const frozen = postSubject(post({ sphereArchived: true, authorId: 'author' }));
    for (const action of ['update', 'delete', 'moderate', 'comment', 'react'] as const)
      expect(animator.can(action, frozen)).toBe(false);
    expect(animator.can('read', frozen)).toBe(true);
  });

  it('lists as content scope the same spheres the rules let one read and moderate', () => {
    const scope = contentScope(
      profile('u', [
        { sphereId: 'a', role: 'animator' },
        { sphereId: 'b', status: 'muted', role: 'animator' },
        { sphereId: 'c', status: 'requested' },
        { sphereId: 'd', status: 'banned' },
      ]),
    );
    expect(scope).toEqual({ readable: ['a', 'b'], moderated: ['a'] });
  });
});
