import { AccessProfile, HeldMembership, HeldOrgRole, SphereFacts } from './access-profile';
import { Delegation } from './delegation';
import { OrgRole, SphereRole } from './roles';

const ORG = 'org';
const sphere: SphereFacts = { id: 's', organisationId: ORG, path: '/p/s/', visibility: 'public', archived: false };

function person(
  memberships: [string, SphereRole, HeldMembership['status']?][] = [],
  orgRoles: [OrgRole, string | null, string?][] = [],
  instanceRole: AccessProfile['instanceRole'] = null,
): AccessProfile {
  return {
    userId: 'u',
    email: null,
    displayName: 'U',
    instanceRole,
    organisationIds: [ORG],
    memberships: memberships.map(([sphereId, role, status]) => ({
      sphereId,
      organisationId: ORG,
      role,
      status: status ?? 'active',
    })),
    orgRoles: orgRoles.map(([role, scopePath, organisationId]): HeldOrgRole => ({
      assignmentId: 'a',
      organisationId: organisationId ?? ORG,
      role,
      scopeSphereId: scopePath ? 'x' : null,
      scopePath,
    })),
  };
}

const member = person([['s', 'member']]);
const sut = (issuer: AccessProfile, target: AccessProfile, where: SphereFacts = sphere) =>
  Delegation.canIssueResetCode(issuer, where, target);

describe('Delegation.canIssueResetCode', () => {
  it('lets an animator, a sphere admin and organisation roles in scope give a member a code', () => {
    expect(sut(person([['s', 'animator']]), member)).toBe(true);
    expect(sut(person([['s', 'sphere_admin']]), member)).toBe(true);
    expect(sut(person([], [['system_manager', '/p/']]), member)).toBe(true);
    expect(sut(person([], [['org_owner', null]]), member)).toBe(true);
    expect(sut(person([['s', 'animator']]), person([['s', 'visitor']]))).toBe(true);
  });

  it('refuses issuers who do not run this sphere', () => {
    expect(sut(person([['s', 'member']]), person([['s', 'visitor']]))).toBe(false);
    expect(sut(person([['other', 'sphere_admin']]), member)).toBe(false);
    expect(sut(person([['s', 'animator', 'muted']]), member)).toBe(false);
    expect(sut(person([], [['system_manager', '/q/']]), member)).toBe(false);
    expect(sut(person([], [['org_owner', null, 'other-org']]), member)).toBe(false);
    expect(sut(person([], [], 'instance_admin'), member)).toBe(false);
  });

  it('refuses targets ranked at or above the issuer anywhere in the organisation', () => {
    const animator = person([['s', 'animator']]);
    expect(sut(animator, person([['s', 'animator']]))).toBe(false);
    expect(
      sut(
        animator,
        person([
          ['s', 'member'],
          ['elsewhere', 'sphere_admin'],
        ]),
      ),
    ).toBe(false);
    expect(sut(person([['s', 'sphere_admin']]), person([['s', 'animator']]))).toBe(true);
    expect(sut(person([], [['system_manager', '/p/']]), person([['s', 'sphere_admin']]))).toBe(true);
  });

  it('never gives a code for an owner, a system manager or an instance admin', () => {
    const owner = person([], [['org_owner', null]]);
    expect(sut(owner, person([['s', 'member']], [['system_manager', '/other/']]))).toBe(false);
    expect(sut(owner, person([['s', 'member']], [['org_owner', '/p/']]))).toBe(false);
    expect(sut(owner, person([['s', 'member']], [], 'instance_admin'))).toBe(false);
  });

  it('needs the target to be an active member of this sphere, and the sphere not archived', () => {
    const owner = person([], [['org_owner', null]]);
    expect(sut(owner, person([['s', 'member', 'muted']]))).toBe(false);
    expect(sut(owner, person([['elsewhere', 'member']]))).toBe(false);
    expect(sut(owner, member, { ...sphere, archived: true })).toBe(false);
  });
});
