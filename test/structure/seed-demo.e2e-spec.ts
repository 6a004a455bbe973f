import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { as } from '../factories/structure';
import { builtEntry, startChild } from '../support/processes';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'solidaire-demo-2025';
const COUNTED = [
  'users',
  'organisations',
  'organisation_members',
  'spheres',
  'role_assignments',
  'memberships',
  'charters',
  'sphere_requests',
  'audit_log',
  'posts',
  'comments',
  'reactions',
];

/** Runs the built seed script to its end and answers its output (it must exit with 0). */
async function runSeed(env: Record<string, string>): Promise<string> {
  const child = startChild(process.execPath, [builtEntry('scripts/seed-demo.js')], env);
  const exited = new Promise<number | null>((resolve) => child.process.once('exit', resolve));
  const timer = setTimeout(() => void child.stop('SIGKILL'), 80_000);
  const code = await exited;
  clearTimeout(timer);
  if (code !== 0) throw new Error(`seed-demo exited with ${code}:\n${child.output()}`);
  return child.output();
}

describe('npm run seed:demo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const counts = async () => {
    const result: Record<string, number> = {};
    for (const table of COUNTED)
      result[table] = ((await t.db.query(`SELECT count(*)::int AS n FROM ${table}`)) as { n: number }[])[0].n;
    return result;
  };
  const login = async (local: string) => {
    const response = await t.http
      .post('/api/v1/auth/login')
      .send({ email: `${local}@action-solidaire.example`, password: PASSWORD })
      .expect(200);
    return { accessToken: response.body.accessToken as string, id: response.body.user.id as string };
  };

  it('seeds the organisation once; a second run changes nothing', async () => {
    const first = await runSeed(t.env);
    expect(first).toMatch(/seeded in DATABASE_URL: \d+ records created/);
    expect(first).toContain('nolwenn.legall@action-solidaire.example');
    const before = await counts();
    expect(before).toMatchObject({
      organisations: 1,
      spheres: 12,
      charters: 1,
      sphere_requests: 1,
      posts: 5,
      comments: 2,
      reactions: 4,
    });
    const second = await runSeed(t.env);
    expect(second).toContain('already complete');
    expect(await counts()).toEqual(before);
  });

  it('shows the regional manager their region subtree and the public spheres only', async () => {
    const manager = await login('nolwenn.legall');
    const organisations = await t.http.get('/api/v1/organisations').set(as(manager)).expect(200);
    const org = organisations.body.items.find((o: { slug: string }) => o.slug === 'action-solidaire');
    const spheres = await t.http.get(`/api/v1/organisations/${org.id}/spheres?limit=100`).set(as(manager)).expect(200);
    const seen = spheres.body.items as { slug: string; path: string; visibility: string }[];
    expect(seen.map((s) => s.slug).sort()).toEqual(
      [
        'national',
        'auvergne-rhone-alpes',
        'bretagne',
        'occitanie',
        'groupe-lyon',
        'groupe-grenoble',
        'groupe-rennes',
        'groupe-brest',
        'groupe-toulouse',
        'plaidoyer',
      ].sort(),
    );
    const region = seen.find((s) => s.slug === 'bretagne')!;
    expect(seen.every((s) => s.visibility !== 'secret' || s.path.startsWith(region.path))).toBe(true);

    // the pending request under Bretagne is theirs to decide
    const requests = await t.http.get(`/api/v1/organisations/${org.id}/sphere-requests`).set(as(manager)).expect(200);
    expect(requests.body.items).toEqual([expect.objectContaining({ name: 'Groupe de Saint-Malo', status: 'pending' })]);

    // a plain member does not see the secret group of Brest; the outsider sees nothing of the organisation
    const member = await login('lucas.petit');
    const theirs = await t.http.get(`/api/v1/organisations/${org.id}/spheres?limit=100`).set(as(member)).expect(200);
    expect(theirs.body.items.map((s: { slug: string }) => s.slug)).not.toContain('groupe-brest');
    const outsider = await login('jean.dupont');
    await t.http.get(`/api/v1/organisations/${org.id}/spheres`).set(as(outsider)).expect(404);
    for (const local of ['claire.martin', 'karim.benali', 'paul.durand', 'sophie.bernard', 'amina.diallo'])
      await login(local);
  });

  const sphereIds = async () =>
    new Map(
      ((await t.db.query(`SELECT slug, id FROM spheres`)) as { slug: string; id: string }[]).map((r) => [r.slug, r.id]),
    );

  it('is alive: posts with comments and reactions, a post awaiting approval, a join request', async () => {
    const spheres = await sphereIds();
    const paul = await login('paul.durand');
    const rennes = await t.http
      .get(`/api/v1/spheres/${spheres.get('groupe-rennes')}/posts`)
      .set(as(paul))
      .expect(200);
    expect(rennes.body.items).toHaveLength(2);
    const permanence = rennes.body.items.find((p: { body: string }) => p.body.startsWith('Permanence'));
    expect(permanence).toMatchObject({ commentCount: 2, reactionCounts: { like: 1, celebrate: 1 } });
    const comments = await t.http.get(`/api/v1/posts/${permanence.id}/comments`).set(as(paul)).expect(200);
    expect(JSON.stringify(comments.body)).toContain('planning');
    const home = await t.http
      .get('/api/v1/feed')
      .set(as(await login('lucas.petit')))
      .expect(200);
    expect(home.body.items.length).toBeGreaterThanOrEqual(4);

    // pre-moderation: Lucas's post in the watch cell waits for Karim, its animator
    const karim = await login('karim.benali');
    const watch = await t.http
      .get(`/api/v1/spheres/${spheres.get('veille-defenseurs')}/posts`)
      .set(as(karim))
      .expect(200);
    expect(watch.body.items.map((p: { status: string }) => p.status).sort()).toEqual(['pending', 'published']);
    const requests = await t.http
      .get(`/api/v1/spheres/${spheres.get('plaidoyer')}/join-requests`)
      .set(as(karim))
      .expect(200);
    expect(requests.body.items).toEqual([expect.objectContaining({ displayName: 'Lucas Petit', status: 'requested' })]);

    // most accounts have accepted the charter (once) and the addendum where they belong: Lucas not Rennes'
    const [standing] = (await t.db.query(
      `SELECT count(*) FILTER (WHERE om.charter_version_accepted = 1
                                 AND coalesce(m.addendum_version_accepted, 0) >= s.charter_addendum_version)::int
                AS accepted, count(*)::int AS total
         FROM memberships m JOIN spheres s ON s.id = m.sphere_id
         JOIN organisation_members om ON om.organisation_id = m.organisation_id AND om.user_id = m.user_id
        WHERE m.status = 'active'`,
    )) as { accepted: number; total: number }[];
    expect(standing.accepted).toBe(standing.total - 1);
  });

  it('words a first charter acceptance as a first one, and a newer version as a newer one', async () => {
    const spheres = await sphereIds();
    const lucas = await login('lucas.petit');
    const rennes = spheres.get('groupe-rennes')!;
    const first = await t.http
      .post(`/api/v1/spheres/${rennes}/posts`)
      .set(as(lucas))
      .send({ body: 'Bonjour' })
      .expect(403);
    expect(first.body).toMatchObject({ type: 'charter-acceptance-required' });
    expect(first.body.detail).toMatch(/^Read and accept the organisation's charter/);
    expect(first.body.detail).not.toMatch(/new version/);
    await t.http.post(`/api/v1/spheres/${rennes}/charter/accept`).set(as(lucas)).send({ version: 1 }).expect(200);
    await t.http.post(`/api/v1/spheres/${rennes}/posts`).set(as(lucas)).send({ body: 'Bonjour' }).expect(201);

    // the owner publishes version 2: Lucas had accepted version 1 (in the national sphere first)
    const claire = await login('claire.martin');
    const org = (
      (await t.db.query(`SELECT id FROM organisations WHERE slug = 'action-solidaire'`)) as { id: string }[]
    )[0];
    await t.http
      .put(`/api/v1/organisations/${org.id}/charter`)
      .set(as(claire))
      .send({ articles: [{ title: 'Respect', text: 'Nous nous respectons.' }] })
      .expect(200);
    const newer = await t.http
      .post(`/api/v1/spheres/${spheres.get('veille-defenseurs')}/posts`)
      .set(as(lucas))
      .send({ body: 'Encore moi' })
      .expect(403);
    expect(newer.body.detail).toMatch(/new version of the charter/);
  });

  it('works on the embedded database too (no DATABASE_URL)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'alveole-seed-'));
    try {
      const env = { NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
      expect(await runSeed(env)).toContain(`seeded in the embedded database in ${dataDir}`);
      expect(await runSeed(env)).toContain('already complete');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
