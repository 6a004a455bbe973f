import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AbilityFactory } from './ability.factory';
import { AccessGate } from './access-gate';
import { AccessProfile, AccessProfileLoader } from './access-profile';
import { AccessRules } from './access-rules';
import { AuthContext } from './auth-context';
import { Policy, Public } from './policy.decorators';
import { PolicyGuard } from './policy.guard';
import { PrincipalResolver } from './principal-resolver';

const alice: AuthContext = {
  userId: 'alice',
  email: 'alice@example.org',
  username: null,
  displayName: 'Alice',
  instanceRole: null,
};
const profileOf = (auth: AuthContext): AccessProfile => ({
  ...auth,
  organisationIds: ['org'],
  orgRoles: [],
  memberships: [{ sphereId: 'sphere', organisationId: 'org', role: 'member', status: 'active' }],
});
const rules: AccessRules[] = [{ name: 'me', define: (_profile, _sets, { can }) => can('read', 'Me') }];

class Routes {
  @Policy('read', 'Me')
  readsProfile(): void {}

  @Policy('read', 'Me')
  ignoresProfile(): void {}

  @Public()
  open(): void {}
}

interface Request {
  headers: Record<string, string>;
  user?: AuthContext;
}

describe('PolicyGuard', () => {
  let users: Map<string, AuthContext>;
  let principals: jest.Mocked<PrincipalResolver>;
  let loader: jest.Mocked<AccessProfileLoader>;
  let gate: AccessGate;
  let guard: PolicyGuard;

  beforeEach(() => {
    users = new Map([[alice.userId, alice]]);
    // a token is "valid:<user id>"; anything else is a bad signature
    const subjectOf = (token: string) => (token.startsWith('valid:') ? token.slice('valid:'.length) : null);
    principals = {
      subjectOf: jest.fn(subjectOf),
      resolve: jest.fn((token: string) => {
        const user = users.get(subjectOf(token) ?? '');
        return Promise.resolve(user ? { ...user } : null);
      }),
    };
    loader = {
      load: jest.fn((auth: AuthContext) => Promise.resolve(profileOf(auth))),
      loadCaller: jest.fn((userId: string) => {
        const user = users.get(userId);
        return Promise.resolve(user ? profileOf(user) : null);
      }),
      organisationExists: jest.fn((_organisationId: string) => Promise.resolve(true)),
    };
    const abilities = new AbilityFactory(rules);
    gate = new AccessGate(loader, abilities, rules);
    guard = new PolicyGuard(new Reflector(), abilities, principals, gate);
  });

  /** One request through the guard; `handlerReadsProfile` plays a handler asking the gate for the profile. */
  async function call(route: keyof Routes, token: string | null, handlerReadsProfile = false): Promise<Request> {
    const request: Request = { headers: token ? { authorization: `Bearer ${token}` } : {} };
    const context = {
      getType: () => 'http',
      getHandler: () => Routes.prototype[route],
      getClass: () => Routes,
      switchToHttp: () => ({ getRequest: () => request }),
    } as unknown as ExecutionContext;
    await expect(guard.canActivate(context)).resolves.toBe(true);
    if (handlerReadsProfile && request.user) await gate.of(request.user);
    return request;
  }

  it('loads the user row alone until a route reads the profile, then both in one statement', async () => {
    const first = await call('readsProfile', 'valid:alice', true);
    expect(principals.resolve).toHaveBeenCalledTimes(1);
    expect(loader.load).toHaveBeenCalledTimes(1);
    expect(loader.loadCaller).not.toHaveBeenCalled();

    const second = await call('readsProfile', 'valid:alice', true);
    expect(loader.loadCaller).toHaveBeenCalledTimes(1);
    expect(loader.loadCaller).toHaveBeenCalledWith('alice');
    expect(principals.resolve).toHaveBeenCalledTimes(1);
    expect(loader.load).toHaveBeenCalledTimes(1); // the profile came with the caller
    expect(second.user).toEqual(first.user);
    expect((await gate.of(second.user!)).profile).toEqual(profileOf(alice));
  });

  it('keeps loading the user row alone for a route that never reads the profile', async () => {
    await call('readsProfile', 'valid:alice', true);
    await call('ignoresProfile', 'valid:alice');
    await call('ignoresProfile', 'valid:alice');
    expect(principals.resolve).toHaveBeenCalledTimes(3);
    expect(loader.loadCaller).not.toHaveBeenCalled();
  });

  it('refuses a bad token and a deleted account on both paths', async () => {
    await call('readsProfile', 'valid:alice', true);
    const refused = (route: keyof Routes, token: string) =>
      expect(
        guard.canActivate({
          getType: () => 'http',
          getHandler: () => Routes.prototype[route],
          getClass: () => Routes,
          switchToHttp: () => ({ getRequest: () => ({ headers: { authorization: `Bearer ${token}` } }) }),
        } as unknown as ExecutionContext),
      ).rejects.toMatchObject({ status: 401 });

    await refused('readsProfile', 'forged');
    users.delete('alice');
    await refused('readsProfile', 'valid:alice');
    await refused('ignoresProfile', 'valid:alice');
    expect(loader.loadCaller).toHaveBeenCalledTimes(1);
  });

  it('still knows the caller of a public route, on either path, and nobody without a token', async () => {
    const anonymous = await call('open', null);
    expect(anonymous.user).toBeUndefined();
    const first = await call('open', 'valid:alice', true);
    const second = await call('open', 'valid:alice', true);
    expect(first.user).toEqual(alice);
    expect(second.user).toEqual(alice);
    expect(loader.loadCaller).toHaveBeenCalledTimes(1);
  });
});
