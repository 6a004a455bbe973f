import { as, putMember } from '../factories/structure';
import { TestUser } from '../factories/users';
import { createPost, forgedCursor, sphereWithPeople, walkPages } from '../factories/content';
import { startTestApp, TestApp } from '../support/test-app';

interface Hit {
  type: string;
  rank: number;
  post: { id: string; body: string; status: string };
}

const postIds = (hits: Hit[]) => hits.map((hit) => hit.post.id);

describe('search', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
  });
  afterAll(() => t.close());

  const search = (reader: TestUser, q: string, extra = '') =>
    t.http.get(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`).set(as(reader));
  const found = async (reader: TestUser, q: string) => postIds((await search(reader, q).expect(200)).body.items);

  it('finds only the posts I may read, in the API shape', async () => {
    const a = await sphereWithPeople(t);
    const me = a.member;
    const b = await sphereWithPeople(t);
    const moderated = await sphereWithPeople(t, { moderationMode: 'pre' });
    await putMember(t, moderated.admin, moderated.sphere.id, me.id, 'member');
    const shared = await createPost(t, a.other, a.sphere.id, 'Atelier **compost** samedi au jardin');
    const foreign = await createPost(t, b.member, b.sphere.id, 'Chez nous aussi, du compost');
    const theirs = await createPost(t, moderated.other, moderated.sphere.id, 'Mon compost attend son animateur');
    const mine = await createPost(t, me, moderated.sphere.id, 'Le compost de moi, en attente');
    const deleted = await createPost(t, a.other, a.sphere.id, 'Compost retiré');
    await t.http.delete(`/api/v1/posts/${deleted.id}`).set(as(a.other)).expect(204);

    const response = await search(me, 'compost').expect(200);
    expect(postIds(response.body.items).sort()).toEqual([shared.id, mine.id].sort());
    expect(response.body.nextCursor).toBeNull();
    const hit = response.body.items.find((h: Hit) => h.post.id === shared.id);
    expect(hit).toEqual({
      type: 'post',
      rank: expect.any(Number),
      post: {
        id: shared.id,
        sphereId: a.sphere.id,
        author: { id: a.other.id, displayName: a.other.displayName },
        body: 'Atelier **compost** samedi au jardin',
        html: expect.stringContaining('<strong>compost</strong>'),
        status: 'published',
        pinned: false,
        important: false,
        attachments: [],
        commentCount: 0,
        reactionCounts: {},
        myReactions: [],
        createdAt: shared.createdAt,
        editedAt: null,
      },
    });
    expect(hit.rank).toBeGreaterThan(0);
    expect(response.body.items.find((h: Hit) => h.post.id === mine.id).post.status).toBe('pending');

    expect(await found(b.member, 'compost')).toEqual([foreign.id]);
    expect(await found(a.visitor, 'compost')).toEqual([shared.id]);
    expect((await found(moderated.animator, 'compost')).sort()).toEqual([theirs.id, mine.id].sort());
    expect(await found(moderated.other, 'compost')).toEqual([theirs.id]);
  });

  it('ranks a post saying the word three times above one saying it once', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const once = await createPost(t, member, sphere.id, 'Sortie à vélo dimanche matin, départ de la gare');
    const thrice = await createPost(t, other, sphere.id, 'Mon vélo, ton vélo : un vélo pour chacun');
    await createPost(t, other, sphere.id, 'Rien à voir avec le sujet');
    const { items } = (await search(member, 'vélo').expect(200)).body as { items: Hit[] };
    expect(postIds(items)).toEqual([thrice.id, once.id]);
    expect(items[0].rank).toBeGreaterThan(items[1].rank);
  });

  it('matches French and English inflections and exact names', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    const french = await createPost(t, member, sphere.id, 'Les réunions des bénévoles reprennent en septembre');
    const english = await createPost(t, member, sphere.id, 'Running late again, sorry everyone');
    const name = await createPost(t, member, sphere.id, 'Merci à Kowalczyk pour la salle');
    expect(await found(member, 'réunion')).toEqual([french.id]);
    expect(await found(member, 'bénévole')).toEqual([french.id]);
    expect(await found(member, 'run')).toEqual([english.id]);
    expect(await found(member, 'runs')).toEqual([english.id]);
    expect(await found(member, 'Kowalczyk')).toEqual([name.id]);
    expect(await found(member, 'kowalczyk')).toEqual([name.id]);
    expect(await found(member, 'Kowalski')).toEqual([]);
    // web-search syntax: a quoted phrase, and text that is no valid query syntax at all
    expect(await found(member, '"réunions des bénévoles"')).toEqual([french.id]);
    expect(await found(member, '(réunion & | !')).toEqual([french.id]);
  });

  it('pages with ?limit=1 and a cursor, equal ranks included, without duplicates or gaps', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const bodies = [
      'Jardin partagé',
      'Jardin partagé',
      'Jardin partagé',
      'Le jardin, notre jardin',
      'Jardin, jardin, jardin',
      'Potager collectif',
    ];
    for (const [i, body] of bodies.entries()) await createPost(t, i % 2 ? member : other, sphere.id, body);
    const all = (await search(member, 'jardin', '&limit=100').expect(200)).body.items as Hit[];
    expect(all).toHaveLength(5);
    const ranks = all.map((hit) => hit.rank);
    expect(ranks).toEqual([...ranks].sort((x, y) => y - x));
    expect(new Set(ranks).size).toBe(3);

    const pages = await walkPages<Hit>(t, member, `/api/v1/search?q=jardin&limit=1`);
    expect(pages.map((page) => page.length)).toEqual([1, 1, 1, 1, 1]);
    expect(postIds(pages.flat())).toEqual(postIds(all));
    const twos = await walkPages<Hit>(t, member, `/api/v1/search?q=jardin&limit=2`);
    expect(postIds(twos.flat())).toEqual(postIds(all));
  });

  it('refuses an empty or too long query (422) and a tampered cursor (400)', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id, 'Assemblée générale');
    await t.http.get('/api/v1/search').set(as(member)).expect(422);
    for (const q of ['', '   ', 'x'.repeat(201)]) {
      const response = await search(member, q).expect(422);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['q']);
    }
    await search(member, `assemblée ${'x'.repeat(190)}`).expect(200);
    await search(member, 'assemblée', '&limit=0').expect(422);
    await search(member, 'assemblée', '&limit=101').expect(422);
    for (const cursor of [
      'garbage!!',
      forgedCursor({ rank: 'high', id: post.id }),
      forgedCursor({ rank: 0.5, id: 'nope' }),
      forgedCursor({ rank: 1e300, id: post.id }),
      forgedCursor({ rank: 1e-300, id: post.id }),
    ]) {
      const response = await search(member, 'assemblée', `&cursor=${encodeURIComponent(cursor)}`);
      expect([cursor, response.status, response.body.type]).toEqual([cursor, 400, 'invalid-cursor']);
    }
    await t.http.get('/api/v1/search?q=assemblee').expect(401);
  });
});
