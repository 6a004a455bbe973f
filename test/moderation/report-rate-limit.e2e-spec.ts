import { createPost, sphereWithPeople } from '../factories/content';
import { as } from '../factories/structure';
import { startTestApp, TestApp } from '../support/test-app';

describe('reporting is rate limited per user', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000', REPORTS_MAX_PER_HOUR: '2' } });
  });
  afterAll(() => t.close());

  it('answers 429 with retry-after past REPORTS_MAX_PER_HOUR, for that user only', async () => {
    const { sphere, member, other, visitor } = await sphereWithPeople(t);
    const posts = [];
    for (let i = 0; i < 3; i++) posts.push(await createPost(t, member, sphere.id));
    const report = (postId: string, reporter = other) =>
      t.http.post('/api/v1/reports').set(as(reporter)).send({ targetType: 'post', targetId: postId, reason: 'spam' });

    await report(posts[0].id).expect(201);
    await report(posts[1].id).expect(201);
    const limited = await report(posts[2].id).expect(429);
    expect(limited.body.type).toContain('rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // another reporter is counted apart
    await report(posts[2].id, visitor).expect(201);
  });
});
