import { registerUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A rotated refresh token presented again within the grace period, its successors unused: one more
 * successor (a sibling branch of the login), none retired. The orphan order of the "two tabs" race:
 * tab A reloads while its refresh of T0 is on its way; tab B refreshes T0 → T1 and stores T1; the api
 * then answers A's orphaned request with T2, which nobody reads. B must stay signed in with T1.
 */
describe('refresh token branches within the grace period', () => {
  let t: TestApp;
  // long enough that no slow run leaves it; the test that needs it past moves used_at back
  beforeAll(async () => (t = await startTestApp({ env: { REFRESH_REUSE_GRACE_SECONDS: '300' } })));
  afterAll(() => t.close());

  const refresh = (refreshToken: string) => t.http.post('/api/v1/auth/refresh').send({ refreshToken });
  const me = (accessToken: string) => t.http.get('/api/v1/me').set('authorization', `Bearer ${accessToken}`);

  it('keeps both the tab that stored T1 and the orphan that got T2 signed in', async () => {
    const user = await registerUser(t.http);
    const t1 = await refresh(user.refreshToken).expect(200); // tab B, stored
    const t2 = await refresh(user.refreshToken).expect(200); // tab A's orphan, answered after B's
    expect(new Set([user.refreshToken, t1.body.refreshToken, t2.body.refreshToken]).size).toBe(3);

    const fromT1 = await refresh(t1.body.refreshToken).expect(200);
    const fromT2 = await refresh(t2.body.refreshToken).expect(200);
    await me(fromT1.body.accessToken).expect(200);
    await me(fromT2.body.accessToken).expect(200);
    // each branch rotates on as usual
    await refresh(fromT1.body.refreshToken).expect(200);
    await refresh(fromT2.body.refreshToken).expect(200);

    // still one signed-in device however many branches its login has
    const privacy = await t.http.get('/api/v1/me/privacy').set('authorization', `Bearer ${fromT1.body.accessToken}`);
    expect(privacy.body.items).toContainEqual(expect.objectContaining({ kind: 'sessions', count: 1 }));
  });

  it('treats a presentation beyond three unused successors as a reuse, and ends every branch', async () => {
    const user = await registerUser(t.http);
    const successors = [];
    for (let presentation = 1; presentation <= 3; presentation += 1)
      successors.push((await refresh(user.refreshToken).expect(200)).body as { refreshToken: string });

    expect((await refresh(user.refreshToken).expect(401)).body.type).toBe('refresh-token-reused');
    expect((await refresh(user.refreshToken).expect(401)).body.type).toBe('invalid-refresh-token');
    for (const successor of successors)
      expect((await refresh(successor.refreshToken).expect(401)).body.type).toBe('invalid-refresh-token');
  });

  it('answers presentations made at once in the same order: three successors, then the login revoked', async () => {
    const user = await registerUser(t.http);
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => refresh(user.refreshToken)));
    const outcomes = answers.map((answer) => (answer.status === 200 ? 'issued' : (answer.body.type as string)));
    expect(outcomes.sort()).toEqual(['invalid-refresh-token', 'issued', 'issued', 'issued', 'refresh-token-reused']);
    for (const answer of answers.filter((each) => each.status === 200))
      await refresh(answer.body.refreshToken).expect(401);
  });

  it('revokes every branch when the rotated token comes back after one of them was used', async () => {
    const user = await registerUser(t.http);
    const t1 = await refresh(user.refreshToken).expect(200);
    const t2 = await refresh(user.refreshToken).expect(200);
    const fromT2 = await refresh(t2.body.refreshToken).expect(200);

    expect((await refresh(user.refreshToken).expect(401)).body.type).toBe('refresh-token-reused');
    expect((await refresh(t1.body.refreshToken).expect(401)).body.type).toBe('invalid-refresh-token');
    expect((await refresh(fromT2.body.refreshToken).expect(401)).body.type).toBe('invalid-refresh-token');
  });

  it('revokes the login when the rotated token comes back past the grace period, successors unused', async () => {
    const user = await registerUser(t.http);
    const t1 = await refresh(user.refreshToken).expect(200);
    await t.db.query(
      `UPDATE refresh_tokens SET used_at = now() - interval '301 seconds' WHERE user_id = $1 AND used_at IS NOT NULL`,
      [user.id],
    );
    expect((await refresh(user.refreshToken).expect(401)).body.type).toBe('refresh-token-reused');
    expect((await refresh(t1.body.refreshToken).expect(401)).body.type).toBe('invalid-refresh-token');
  });

  it('signs every branch out with one of its tokens', async () => {
    const user = await registerUser(t.http);
    const t1 = await refresh(user.refreshToken).expect(200);
    const t2 = await refresh(user.refreshToken).expect(200);

    await t.http.post('/api/v1/auth/logout').send({ refreshToken: t1.body.refreshToken }).expect(204);
    expect((await refresh(t2.body.refreshToken).expect(401)).body.type).toBe('invalid-refresh-token');
    expect((await refresh(user.refreshToken).expect(401)).body.type).toBe('invalid-refresh-token');
  });
});
