import { signUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token';

const claim = { userId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', sphereId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a6c' };

describe('unsubscribe tokens', () => {
  it('carry the user and the sphere, URL-safe', () => {
    const token = signUnsubscribeToken('secret-one', claim);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyUnsubscribeToken('secret-one', token)).toEqual(claim);
  });

  it('are refused when signed with another secret, altered, or malformed', () => {
    const token = signUnsubscribeToken('secret-one', claim);
    expect(verifyUnsubscribeToken('secret-two', token)).toBeNull();
    const [body, signature] = token.split('.');
    const other = Buffer.from(body, 'base64url').subarray(0, 16).toString('base64url') + 'AAAAAAAAAAAAAAAAAAAAAA';
    expect(verifyUnsubscribeToken('secret-one', `${other}.${signature}`)).toBeNull();
    const flipped = signature[0] === 'A' ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    expect(verifyUnsubscribeToken('secret-one', `${body}.${flipped}`)).toBeNull();
    for (const bad of ['', '.', 'abc', `${token}.x`, `${body}.`, 'x'.repeat(500)]) {
      expect(verifyUnsubscribeToken('secret-one', bad)).toBeNull();
    }
  });

  it('are short enough for a path parameter (Fastify allows 100 characters)', () => {
    expect(signUnsubscribeToken('secret-one', claim).length).toBeLessThanOrEqual(100);
  });

  it('are only signed for two ids', () => {
    expect(() => signUnsubscribeToken('secret-one', { userId: 'not-a-uuid', sphereId: claim.sphereId })).toThrow();
  });
});
