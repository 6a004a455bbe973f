import { HttpStatus } from '@nestjs/common';
import { AppException } from '@alveole/core';
import { AbilityFactory } from './ability.factory';
import { AccessGate } from './access-gate';
import { AccessProfile, AccessProfileLoader } from './access-profile';
import { AccessRules } from './access-rules';
import { sphereSubject, subjectNameOf } from './subjects';

const ORG = 'org';
const profile: AccessProfile = {
  userId: 'u',
  email: 'u@example.org',
  displayName: 'U',
  instanceRole: null,
  organisationIds: [ORG],
  orgRoles: [],
  memberships: [{ sphereId: 'mine', organisationId: ORG, role: 'member', status: 'active' }],
};
const sphere = (id: string, archived = false) => ({
  id,
  organisationId: ORG,
  path: `/${id}/`,
  visibility: 'secret' as const,
  archived,
});
const conflict = (type: string) => new AppException(HttpStatus.CONFLICT, type, type);

/** Two contexts: one grants and restricts, the other explains refusals and asks for a precondition. */
const granting: AccessRules = {
  name: 'granting',
  define: (p, sets, { can }) => can(['read', 'update'], 'Sphere', { id: { $in: sets.visible } }),
  restrict: (p, sets, { cannot }) => cannot('update', 'Sphere', { archived: true }),
};
const explaining: AccessRules = {
  name: 'explaining',
  define: () => undefined,
  reasons: [
    ({ subject }) => (subject.archived ? conflict('first-reason') : undefined),
    () => conflict('second-reason'),
  ],
  preconditions: [
    ({ action, subject }) => (action === 'update' && subject.id === 'mine' ? conflict('unmet') : undefined),
  ],
};

describe('AccessGate', () => {
  const loader: AccessProfileLoader = {
    load: jest.fn(() => Promise.resolve(profile)),
    loadCaller: (userId) => Promise.resolve(userId === profile.userId ? { ...profile } : null),
    organisationExists: () => Promise.resolve(true),
  };
  const rules = [granting, explaining];
  const sut = new AccessGate(loader, new AbilityFactory(rules), rules);

  it('loads the profile once per caller object, and again after forget', async () => {
    const auth = { userId: 'u', email: 'u@example.org', displayName: 'U', instanceRole: null };
    await sut.of(auth);
    await sut.of(auth);
    expect(loader.load).toHaveBeenCalledTimes(1);
    sut.forget(auth);
    await sut.of(auth);
    expect(loader.load).toHaveBeenCalledTimes(2);
  });

  it("has the factory keep the caller's ability, unless the check is a one-off", async () => {
    const factory = new AbilityFactory(rules);
    const forProfile = jest.spyOn(factory, 'forProfile');
    const gate = new AccessGate(loader, factory, rules);
    const auth = () => ({ userId: 'u', email: 'u@example.org', displayName: 'U', instanceRole: null });
    expect((await gate.of(auth(), { keepAbility: false })).ability.can('read', sphereSubject(sphere('mine')))).toBe(
      true,
    );
    expect((await gate.of(auth())).ability.can('read', sphereSubject(sphere('mine')))).toBe(true);
    expect(forProfile.mock.calls.map(([, options]) => options)).toEqual([{ keep: false }, { keep: true }]);
  });

  it('gives the caller loaded with their profile, and keeps that profile for them', async () => {
    jest.mocked(loader.load).mockClear();
    const caller = await sut.caller('u');
    expect(caller).toEqual({ userId: 'u', email: 'u@example.org', displayName: 'U', instanceRole: null });
    expect((await sut.of(caller!)).profile).toEqual(profile);
    expect(loader.load).not.toHaveBeenCalled();
    await expect(sut.caller('gone')).resolves.toBeNull();
  });

  it('tells a watcher when it loads a caller profile, not when one was loaded with the caller', async () => {
    const watched = { userId: 'u', email: 'u@example.org', displayName: 'U', instanceRole: null };
    const loading = jest.fn();
    sut.whenLoaded(watched, loading);
    await sut.of(watched);
    await sut.of(watched);
    expect(loading).toHaveBeenCalledTimes(1);
    const caller = (await sut.caller('u'))!;
    sut.whenLoaded(caller, loading);
    await sut.of(caller);
    expect(loading).toHaveBeenCalledTimes(1);
  });

  it('answers 404 for what the caller may not see, whatever the action', async () => {
    const access = await sut.of({ ...profile });
    expect(() => sut.allowed(access, 'update', sphere('theirs'), sphereSubject, 'Sphere')).toThrow(
      expect.objectContaining({ status: 404, type: expect.stringContaining('not-found') }),
    );
    expect(() => sut.visible(access, null, sphereSubject, 'Parent sphere')).toThrow('Parent sphere not found');
  });

  it('gives the first precise reason of a refusal, in the order the rules were composed, else 403', async () => {
    const access = await sut.of({ ...profile });
    const archived = { ...sphere('mine'), archived: true };
    expect(() => sut.allowed(access, 'update', archived, sphereSubject, 'Sphere')).toThrow(
      expect.objectContaining({ type: expect.stringContaining('first-reason') }),
    );
    expect(() => sut.assert(access, 'delete', sphereSubject(sphere('mine')))).toThrow(
      expect.objectContaining({ type: expect.stringContaining('second-reason') }),
    );
  });

  it('checks preconditions once the rules allow, and returns the record when all holds', async () => {
    const access = await sut.of({ ...profile });
    expect(() => sut.allowed(access, 'update', sphere('mine'), sphereSubject, 'Sphere')).toThrow(
      expect.objectContaining({ type: expect.stringContaining('unmet') }),
    );
    const mine = sphere('mine');
    expect(sut.allowed(access, 'read', mine, sphereSubject, 'Sphere')).toBe(mine);
    expect(subjectNameOf(sphereSubject(mine))).toBe('Sphere');
  });
});
