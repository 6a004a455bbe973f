import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { FastQuery } from '@alveole/core';
import { as, createSphere, putMember, registerUser } from '../factories/structure';
import { TestUser } from '../factories/users';
import {
  agePost,
  createComment,
  createPost,
  forgedCursor,
  pinPost,
  react,
  sphereWithPeople,
  TestPost,
  walkPages,
} from '../factories/content';
import { startTestApp, TestApp } from '../support/test-app';

const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe('feeds', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
  });
  afterAll(() => t.close());

  const get = (reader: TestUser, path: string) => t.http.get(path).set(as(reader));

  it('pages a sphere newest first, pinned first on the first page only, equal instants split by id', async () => {
    const { sphere, member, other, animator } = await sphereWithPeople(t);
    const posts: TestPost[] = [];
    for (let i = 0; i < 25; i++) posts.push(await createPost(t, i % 2 ? member : other, sphere.id, `Post n°${i}`));
    // five posts per instant: only the id orders them, and a page boundary falls inside each group
    const base = Date.now() - 86_400_000;
    const instant = (i: number) => base + Math.floor(i / 5) * 1000;
    for (const [i, post] of posts.entries()) await agePost(t, post.id, new Date(instant(i)));
    const pinned = posts[12];
    await pinPost(t, animator, pinned.id);
    const expected = posts
      .map((post, i) => ({ id: post.id, at: instant(i) }))
      .filter((post) => post.id !== pinned.id)
      .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1))
      .map((post) => post.id);

    const pages = await walkPages<TestPost>(t, member, `/api/v1/spheres/${sphere.id}/posts?limit=4`);
    expect(pages.map((page) => page.length)).toEqual([5, 4, 4, 4, 4, 4]);
    expect(pages[0][0]).toMatchObject({ id: pinned.id, pinned: true });
    const chronological = pages.flat().slice(1);
    expect(chronological.every((post) => !post.pinned)).toBe(true);
    expect(ids(chronological)).toEqual(expected);
    const first = await get(member, `/api/v1/spheres/${sphere.id}/posts`).expect(200);
    expect(ids(first.body.items)).toEqual([pinned.id, ...expected.slice(0, 20)]);
  });

  it('gives what is newer than a sinceCursor, oldest gap first, with more when it does not fit', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const before = [await createPost(t, member, sphere.id), await createPost(t, other, sphere.id)];
    const page = await get(other, `/api/v1/spheres/${sphere.id}/posts`).expect(200);
    expect(ids(page.body.items)).toEqual([before[1].id, before[0].id]);
    const newer: TestPost[] = [];
    for (let i = 0; i < 6; i++) newer.push(await createPost(t, i % 2 ? member : other, sphere.id));

    const since = (cursor: string) =>
      get(other, `/api/v1/spheres/${sphere.id}/posts?limit=4&since=${encodeURIComponent(cursor)}`).expect(200);
    const gap = await since(page.body.sinceCursor);
    expect(ids(gap.body.items)).toEqual(ids(newer.slice(0, 4).reverse()));
    expect(gap.body.more).toBe(true);
    const rest = await since(gap.body.sinceCursor);
    expect(ids(rest.body.items)).toEqual([newer[5].id, newer[4].id]);
    expect(rest.body.more).toBe(false);
    const none = await since(rest.body.sinceCursor);
    expect(none.body).toMatchObject({ items: [], more: false, sinceCursor: rest.body.sinceCursor });

    const home = await get(other, `/api/v1/feed?limit=3`).expect(200);
    const later = await createPost(t, member, sphere.id);
    const homeSince = await get(other, `/api/v1/feed?since=${encodeURIComponent(home.body.sinceCursor)}`).expect(200);
    expect(ids(homeSince.body.items)).toEqual([later.id]);
    expect(homeSince.body.more).toBe(false);
  });

  it('answers 400 invalid-cursor to a tampered cursor or since, 422 to a limit out of range', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    const tampered = [
      'garbage!!',
      forgedCursor({ t: 1.5, id: post.id }),
      forgedCursor({ t: 1e300, id: post.id }),
      forgedCursor({ t: 1, id: 'nope' }),
    ];
    for (const path of [`/api/v1/spheres/${sphere.id}/posts`, '/api/v1/feed']) {
      for (const cursor of tampered)
        for (const key of ['cursor', 'since']) {
          const response = await get(member, `${path}?${key}=${encodeURIComponent(cursor)}`);
          expect([key, cursor, response.status, response.body.type]).toEqual([key, cursor, 400, 'invalid-cursor']);
        }
      for (const limit of ['0', '101', 'ten']) await get(member, `${path}?limit=${limit}`).expect(422);
      expect(ids((await get(member, `${path}?limit=100`).expect(200)).body.items)).toEqual([post.id]);
    }
  });

  it('builds the home feed from my active spheres only, with my own pending posts', async () => {
    const a = await sphereWithPeople(t);
    const me = a.member;
    const sibling = await createSphere(t, a.admin, a.org.id, { visibility: 'private' });
    const notMine = await createSphere(t, a.admin, a.org.id, { visibility: 'public' });
    const left = await createSphere(t, a.admin, a.org.id, { visibility: 'private' });
    for (const sphere of [sibling, notMine, left]) await putMember(t, a.admin, sphere.id, a.other.id, 'member');
    await putMember(t, a.admin, sibling.id, me.id, 'member');
    await putMember(t, a.admin, left.id, me.id, 'member');
    const elsewhere = await sphereWithPeople(t); // another organisation
    await putMember(t, elsewhere.admin, elsewhere.sphere.id, me.id, 'member');
    const moderated = await sphereWithPeople(t, { moderationMode: 'pre' });
    await putMember(t, moderated.admin, moderated.sphere.id, me.id, 'member');

    const seen: string[] = [];
    const post = async (author: TestUser, sphereId: string, shown: boolean) => {
      const created = await createPost(t, author, sphereId);
      if (shown) seen.unshift(created.id);
      return created;
    };
    await post(a.other, a.sphere.id, true);
    await post(elsewhere.other, elsewhere.sphere.id, true);
    await post(a.other, sibling.id, true);
    await post(a.other, notMine.id, false);
    await post(a.other, left.id, false);
    await post(me, left.id, false);
    const theirs = await post(moderated.other, moderated.sphere.id, false);
    const mine = await post(me, moderated.sphere.id, true);
    expect([theirs.status, mine.status]).toEqual(['pending', 'pending']);
    await post(me, a.sphere.id, true);
    await post(elsewhere.animator, elsewhere.sphere.id, true);
    await t.http.delete(`/api/v1/spheres/${left.id}/members/${me.id}`).set(as(me)).expect(204);

    const home = await get(me, '/api/v1/feed').expect(200);
    expect(ids(home.body.items)).toEqual(seen);
    expect(home.body.items.find((p: TestPost) => p.id === mine.id).status).toBe('pending');
    expect(home.body.nextCursor).toBeNull();
    const pages = await walkPages<TestPost>(t, me, '/api/v1/feed?limit=2');
    expect(pages.map((page) => page.length)).toEqual([2, 2, 2]);
    expect(ids(pages.flat())).toEqual(seen);
    // the animator of the moderated sphere sees both pending posts there
    const animator = await get(moderated.animator, '/api/v1/feed').expect(200);
    expect(ids(animator.body.items)).toEqual([mine.id, theirs.id]);
  });

  /** Every SQL statement the api sends while `request` runs (FastQuery and TypeORM paths). */
  async function statementsDuring(request: () => Promise<unknown>): Promise<string[]> {
    const fast = t.app.get(FastQuery);
    const spies = [
      jest.spyOn(fast, 'prepared'),
      jest.spyOn(fast, 'rows'),
      jest.spyOn(t.db, 'query'),
      jest.spyOn(PostgresQueryRunner.prototype, 'query'),
    ];
    try {
      await request();
      const [prepared, rows, dataSource, runner] = spies.map((spy) => spy.mock.calls as unknown[][]);
      return [
        ...prepared.map(([name]) => `prepared:${String(name)}`),
        ...rows.map(([sql]) => `rows:${String(sql).trim().slice(0, 40)}`),
        ...dataSource.map(([sql]) => `datasource:${String(sql).trim().slice(0, 40)}`),
        ...runner.map(([sql]) => `typeorm:${String(sql).trim().slice(0, 40)}`),
      ];
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  }

  it('reads one page in one statement whatever the number of posts, authors, counts and my reactions', async () => {
    const small = await sphereWithPeople(t);
    const big = await sphereWithPeople(t);
    const reader = big.member;
    await putMember(t, small.admin, small.sphere.id, reader.id, 'member');
    for (let i = 0; i < 2; i++) await createPost(t, small.other, small.sphere.id);
    const authors = await Promise.all(Array.from({ length: 20 }, () => registerUser(t.http)));
    for (const author of authors) await putMember(t, big.admin, big.sphere.id, author.id, 'member');
    const posts: TestPost[] = [];
    for (const author of authors) posts.push(await createPost(t, author, big.sphere.id));
    for (const [i, post] of posts.entries()) {
      await react(t, authors[(i + 1) % 20], post.id, 'like');
      await react(t, reader, post.id, i % 2 ? 'love' : 'support');
      await createComment(t, authors[(i + 2) % 20], post.id);
    }

    // the probe sees the TypeORM path too: a comment is written through it
    const write = await statementsDuring(() => createComment(t, reader, posts[0].id));
    expect(write).toContainEqual(expect.stringMatching(/^typeorm:INSERT INTO comments/));

    const sphereFeed = (sphereId: string) => () => get(reader, `/api/v1/spheres/${sphereId}/posts`).expect(200);
    // once a route has read the caller's profile, the guard loads the user row and the profile in one statement
    await sphereFeed(small.sphere.id)();
    await get(reader, '/api/v1/feed?limit=2').expect(200);
    const sphereStatements = [
      'prepared:caller',
      'prepared:content-sphere-for-reader',
      'prepared:feed-sphere-first-21', // 20 posts and one to know there is more: LIMIT 21 in the text
    ];
    expect(await statementsDuring(sphereFeed(small.sphere.id))).toEqual(sphereStatements);
    expect(await statementsDuring(sphereFeed(big.sphere.id))).toEqual(sphereStatements);
    const page = (await sphereFeed(big.sphere.id)()).body;
    expect(page.items).toHaveLength(20);
    expect(new Set(page.items.map((p: { author: { id: string } }) => p.author.id)).size).toBe(20);
    for (const item of page.items) {
      const i = posts.findIndex((post) => post.id === item.id);
      const mine = i % 2 ? 'love' : 'support';
      expect(item).toMatchObject({
        commentCount: i === 0 ? 2 : 1,
        reactionCounts: { like: 1, [mine]: 1 },
        myReactions: [mine],
      });
    }

    const homeStatements = (rows: number) => ['prepared:caller', `prepared:feed-home-first-${rows}`];
    const home = (limit: number) => () => get(reader, `/api/v1/feed?limit=${limit}`).expect(200);
    // a page of 2 reads at most 6 rows, one of 22 at most 51: a few statements per connection, cut to the page
    expect(await statementsDuring(home(2))).toEqual(homeStatements(6));
    expect((await home(2)()).body.items).toHaveLength(2);
    expect(await statementsDuring(home(22))).toEqual(homeStatements(51));
    expect((await home(22)()).body.items).toHaveLength(22);
    const next = (await home(2)()).body.nextCursor;
    expect(await statementsDuring(() => get(reader, `/api/v1/feed?limit=20&cursor=${next}`).expect(200))).toEqual([
      'prepared:caller',
      'prepared:feed-home-after-21',
    ]);
  });
});
