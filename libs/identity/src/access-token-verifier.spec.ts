import { JwtService } from '@nestjs/jwt';
import { AuthContext } from '@alveole/access';
import { AccessTokenVerifier } from './access-token-verifier';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { UsersRepository } from './users.repository';

const USER = '0b6f7a3c-1f5e-4a57-9b53-3f6f0c3e2d11';
const SESSION = '7c2d9e4b-8a61-4f0e-b3c5-2a9d8e7f6b10';

describe('AccessTokenVerifier', () => {
  const jwt = new JwtService({ secret: 'a secret of the tests', verifyOptions: { algorithms: ['HS256'] } });
  const principal = { userId: USER } as AuthContext;
  const users = { findPrincipal: jest.fn(() => Promise.resolve(principal)) } as unknown as UsersRepository;
  const refreshTokens = { familyRevoked: jest.fn(() => Promise.resolve(false)) } as unknown as RefreshTokensRepository;
  const signed = (claims: object, expiresIn = 900) => jwt.sign({ ...claims }, { algorithm: 'HS256', expiresIn });
  let verifier: AccessTokenVerifier;
  let checks: jest.SpyInstance;
  beforeEach(() => {
    verifier = new AccessTokenVerifier(jwt, users, refreshTokens);
    checks = jest.spyOn(jwt, 'verify');
  });
  afterEach(() => jest.restoreAllMocks());

  it('checks a token once, then knows it for its next requests', async () => {
    const token = signed({ sub: USER, sid: SESSION });
    expect(verifier.subjectOf(token)).toBe(USER);
    await expect(verifier.resolve(token)).resolves.toBe(principal);
    await expect(verifier.session(token)).resolves.toMatchObject({ auth: principal, sessionId: SESSION });
    expect(checks).toHaveBeenCalledTimes(1);
  });

  it('never takes another signature for a known token', () => {
    const token = signed({ sub: USER });
    expect(verifier.subjectOf(token)).toBe(USER);
    const [header, payload, signature] = token.split('.');
    const forged = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    expect(verifier.subjectOf(forged)).toBeNull();
    expect(verifier.subjectOf(`${header}.${payload}.`)).toBeNull();
  });

  it('refuses a known token from the second it expires, as the library does', () => {
    const token = signed({ sub: USER }, 60);
    const { exp } = jwt.decode<{ exp: number }>(token);
    expect(verifier.subjectOf(token)).toBe(USER);
    jest.spyOn(Date, 'now').mockReturnValue(exp * 1000 - 1);
    expect(verifier.subjectOf(token)).toBe(USER);
    jest.spyOn(Date, 'now').mockReturnValue(exp * 1000);
    expect(verifier.subjectOf(token)).toBeNull();
    expect(() => jwt.verify(token)).toThrow('jwt expired'); // the library's rule at that same instant
    expect(verifier.subjectOf(token)).toBeNull();
  });

  it('keeps nothing that failed: a bad token is checked, and refused, every time', () => {
    const strange = signed({ sub: 'not-a-uuid' });
    const foreign = new JwtService({ secret: 'another secret' }).sign({ sub: USER });
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(verifier.subjectOf(strange)).toBeNull();
      expect(verifier.subjectOf(foreign)).toBeNull();
    }
    expect(checks).toHaveBeenCalledTimes(4);
  });
});
