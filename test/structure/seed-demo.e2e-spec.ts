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
    expect(before).toMatchObject({ organisations: 1, spheres: 11, charters: 1, sphere_requests: 1 });
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
      ].sort(),
    );
    const region = seen.find((s) => s.slug === 'bretagne')!;
    expect(seen.every((s) => s.visibility === 'public' || s.path.startsWith(region.path))).toBe(true);

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
