import { createPost, sphereWithPeople } from '../factories/content';
import { as } from '../factories/structure';
import { registerUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

describe('GET /me/privacy', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } })));
  afterAll(() => t.close());

  const overview = async (token: { accessToken: string }) => {
    const response = await t.http.get('/api/v1/me/privacy').set(as(token)).expect(200);
    return Object.fromEntries(
      (response.body.items as { kind: string; count: number; purpose: string; retentionDays: number | null }[]).map(
        (item) => [item.kind, item],
      ),
    );
  };

  it('lists every kind of data kept about me, why, for how long, with my own counts only', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const before = await overview(member);
    expect(Object.keys(before)).toEqual([
      'account',
      'sessions',
      'security_events',
      'memberships',
      'roles',
      'posts',
      'comments',
      'reactions',
      'documents',
      'reports',
      'notifications',
      'notification_preferences',
      'push_subscriptions',
      'audit_entries',
      'data_exports',
    ]);
    expect(before.account).toEqual({ kind: 'account', count: 1, purpose: 'account', retentionDays: null });
    expect(before.memberships.count).toBe(1);
    expect(before.posts.count).toBe(0);
    expect(before.security_events).toMatchObject({
      purpose: 'security',
      retentionDays: t.config.retention.securityEventDays,
    });
    expect(before.audit_entries.retentionDays).toBe(t.config.retention.auditDays);
    expect(before.memberships.retentionDays).toBeNull(); // while I am a member
    expect(before.sessions.retentionDays).toBe(Math.ceil(t.config.refreshTokenTtlSeconds / 86400));

    const post = await createPost(t, member, sphere.id, 'Mine');
    await createPost(t, other, sphere.id, 'Not mine');
    await t.http
      .put(`/api/v1/posts/${post.id}/reactions/like`)
      .set(as(other))
      .expect((r) => expect(r.status).toBeLessThan(300));
    await t.http.post(`/api/v1/posts/${post.id}/comments`).set(as(member)).send({ body: 'My comment' }).expect(201);
    const after = await overview(member);
    expect(after.posts.count).toBe(1);
    expect(after.comments.count).toBe(1);
    expect(after.reactions.count).toBe(0); // the reaction is the other member's
    expect((await overview(other)).reactions.count).toBe(1);
  });

  it('is for a signed-in person about themselves only', async () => {
    await t.http.get('/api/v1/me/privacy').expect(401);
    const stranger = await registerUser(t.http);
    expect((await overview(stranger)).memberships.count).toBe(0);
  });
});
