import fc from 'fast-check';
import {
  ACCESS_PROFILE_LOADER,
  AbilityFactory,
  AccessProfileLoader,
  AppAbility,
  contentScope,
  sphereReadScope,
  sphereSubject,
} from '@alveole/access';
import { postSubject } from '@alveole/content';
import { FeedsRepository } from '../../libs/content/src/feeds.repository';
import { SearchRepository } from '../../libs/content/src/search.repository';
import { SpheresRepository } from '../../libs/structure/src/spheres.repository';
import { registerUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';
import { insertWorld, World, worldArb } from './scope-world';

/**
 * DESIGN.md §3: the list queries are hand-tuned SQL scoped by data (`sphereReadScope`, `contentScope`)
 * while single records are checked by CASL. On random worlds, both must agree on every sphere and
 * post, both ways: what the SQL lists is exactly what the ability reads.
 * PROPERTY_RUNS sets the number of cases; a failure prints the seed and path that replay it.
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 1000);

describe('SQL read scopes agree with the CASL rules', () => {
  let t: TestApp;
  let someoneId: string;
  beforeAll(async () => {
    t = await startTestApp();
    someoneId = (await registerUser(t.http)).id;
  });
  afterAll(() => t.close());

  const get = <T>(type: new (...args: never[]) => T) => t.app.get(type, { strict: false });

  const sphereFacts = (s: World['spheres'][number]) => ({
    id: s.id,
    organisationId: s.organisationId,
    path: s.path,
    visibility: s.visibility as 'public' | 'private' | 'secret',
    archived: s.archived,
  });

  /** The posts the ability lets the reader read, judged one by one as a GET /posts/:id would. */
  function readablePosts(world: World, ability: AppAbility): string[] {
    const sphere = new Map(world.spheres.map((s) => [s.id, s]));
    return world.posts
      .filter((p) => {
        const s = sphere.get(p.sphereId)!;
        const joined = world.joinedAt.get(s.id);
        const olderThanReader = !s.history && joined !== undefined && p.createdAt < joined;
        return ability.can('read', postSubject({ ...p, sphereArchived: s.archived, olderThanReader }));
      })
      .map((p) => p.id)
      .sort();
  }

  it(`on ${RUNS} random worlds: sphere listings, home feed, sphere feeds and search`, async () => {
    const loader = t.app.get<AccessProfileLoader>(ACCESS_PROFILE_LOADER, { strict: false });
    const abilities = get(AbilityFactory);
    const [spheres, feeds, search] = [get(SpheresRepository), get(FeedsRepository), get(SearchRepository)];

    await fc.assert(
      fc.asyncProperty(worldArb, async (spec) => {
        const world = await insertWorld(t.db, spec, someoneId);
        const profile = await loader.load(world.reader);
        const ability = abilities.forProfile(profile);
        // the guard's one-statement path (user row and profile together) loads the same profile
        const caller = await loader.loadCaller(world.reader.userId);
        expect(caller && [caller.userId, caller.organisationIds, caller.orgRoles, caller.memberships]).toEqual([
          world.reader.userId,
          profile.organisationIds,
          profile.orgRoles,
          profile.memberships,
        ]);

        for (const organisationId of [world.organisationId, world.otherOrganisationId]) {
          const listed = await spheres.listVisible(organisationId, sphereReadScope(profile, organisationId), {
            limit: 1000,
          });
          const allowed = world.spheres
            .filter((s) => s.organisationId === organisationId && ability.can('read', sphereSubject(sphereFacts(s))))
            .map((s) => s.id);
          expect(listed.map((s) => s.id).sort()).toEqual(allowed.sort());
        }

        const readable = readablePosts(world, ability);
        const { readable: readSpheres, moderated } = contentScope(profile);
        const home = await feeds.home(
          { readerId: profile.userId, readable: readSpheres, moderated, rows: 1000 },
          {
            kind: 'first',
          },
        );
        expect(home.map((p) => p.id).sort()).toEqual(readable);
        const found = await search.search(profile.userId, 'solidarity', readSpheres, moderated, 1000);
        expect(found.map((p) => p.id).sort()).toEqual(readable);

        for (const s of world.spheres.filter((s) => ability.can('read_content', sphereSubject(sphereFacts(s))))) {
          const joined = world.joinedAt.get(s.id);
          const pending = { id: '', sphereId: s.id, authorId: '', status: 'pending' as const };
          const page = await feeds.sphere(
            {
              sphereId: s.id,
              readerId: profile.userId,
              seesAllPending: ability.can(
                'read',
                postSubject({ ...pending, sphereArchived: s.archived, olderThanReader: false }),
              ),
              oldestVisible: s.history || !joined ? '-infinity' : joined,
              rows: 1000,
            },
            { kind: 'first' },
          );
          const inSphere = new Set(world.posts.filter((p) => p.sphereId === s.id).map((p) => p.id));
          expect(page.map((p) => p.id).sort()).toEqual(readable.filter((id) => inSphere.has(id)));
        }
      }),
      { numRuns: RUNS },
    );
  }, 600_000);
});
