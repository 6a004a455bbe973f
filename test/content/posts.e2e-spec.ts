import { as } from '../factories/structure';
import { createPost, sphereWithPeople } from '../factories/content';
import { startTestApp, TestApp } from '../support/test-app';

describe('posts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
  });
  afterAll(() => t.close());

  it('creates a post, renders it and lists it in the sphere feed', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id, '**Bonjour** <script>alert(1)</script>');
    expect(post.status).toBe('published');
    expect(post.html).toContain('<strong>Bonjour</strong>');
    expect(post.html).not.toContain('<script');
    const feed = await t.http.get(`/api/v1/spheres/${sphere.id}/posts`).set(as(other)).expect(200);
    expect(feed.body.items.map((p: { id: string }) => p.id)).toEqual([post.id]);
    const home = await t.http.get(`/api/v1/feed`).set(as(other)).expect(200);
    expect(home.body.items.map((p: { id: string }) => p.id)).toEqual([post.id]);
  });
});
