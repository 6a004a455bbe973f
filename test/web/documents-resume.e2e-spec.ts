import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { sphereWithPeople } from '../factories/content';
import { samples, sha256 } from '../factories/documents';
import { as } from '../factories/structure';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';
import { accessibilityViolations, BrowserPage, launchBrowser, openPage } from './browser';
import { openSignedIn } from './web-world';

/** The client's chunk (5 MiB): a 6 MiB file goes in two PATCHes, the second one cut here. */
const CHUNK = 5 * 1024 * 1024;

/**
 * Uploads over a connection that drops, against the real tus server: the upload retries by itself
 * and goes on from the bytes the api has; after a reload, choosing the same file again resumes it
 * (no new upload, the next PATCH at the offset reached) and the document arrives whole.
 */
describe('web client: resumable document uploads', () => {
  let t: TestApp;
  let browser: Browser;
  let world: Awaited<ReturnType<typeof sphereWithPeople>>;
  const folder = mkdtempSync(join(tmpdir(), 'alveole-upload-'));
  beforeAll(async () => {
    browser = await launchBrowser();
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
    world = await sphereWithPeople(t, { name: 'Quartier Ouest' });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A file on disk (its modification time stays the same across a reload, as a user's file does). */
  function fileOf(name: string): { path: string; bytes: Buffer } {
    const bytes = samples.pdf(CHUNK + 1024 * 1024);
    const path = join(folder, name);
    writeFileSync(path, bytes);
    return { path, bytes };
  }

  /** Every tus request, as "METHOD offset"; the PATCHes past the first chunk fail while `cut()` says so. */
  async function watchUploads(page: Page, cut: () => boolean): Promise<string[]> {
    const seen: string[] = [];
    await page.route('**/api/v1/uploads**', async (route) => {
      const request = route.request();
      const offset = (await request.headerValue('upload-offset')) ?? '';
      seen.push(`${request.method()} ${offset}`.trim());
      if (request.method() === 'PATCH' && offset === String(CHUNK) && cut()) return route.abort('internetdisconnected');
      return route.continue();
    });
    return seen;
  }

  /** A new access token (the factory's has expired with a 3 s lifetime). */
  const freshLogin = async (app: TestApp, user: TestUser) => {
    const login = await app.http.post('/api/v1/auth/login').send({ email: user.email, password: user.password });
    return { accessToken: login.body.accessToken as string };
  };

  const stored = async (name: string) => {
    const list = await t.http.get(`/api/v1/spheres/${world.sphere.id}/documents`).set(as(world.member)).expect(200);
    return (list.body.items as { name: string; size: number; sha256: string }[]).find((doc) => doc.name === name);
  };

  async function open(tab: BrowserPage) {
    await openSignedIn(t, tab, world.member, `/spheres/${world.sphere.id}/documents`);
    await tab.page.getByText('No documents here yet.').or(tab.page.locator('li.document').first()).waitFor();
  }

  it('says the connection was lost, then finishes by itself from where it was', async () => {
    const tab = await openPage(browser, 'en', 360);
    try {
      const { page } = tab;
      await open(tab);
      let failures = 0;
      const seen = await watchUploads(page, () => failures++ < 2);
      const { path, bytes } = fileOf('budget.pdf');
      await page.getByLabel('Add a document').setInputFiles(path);
      await page.getByText('Connection lost: the upload goes on by itself when it returns.').waitFor();
      await page.getByRole('status').getByText('budget.pdf is uploaded.').waitFor({ timeout: 30_000 });
      await page
        .locator('li.document', { hasText: 'budget.pdf' })
        .getByText(/^6 MB · PDF · version 1/)
        .waitFor();
      expect(seen.filter((request) => request.startsWith('POST'))).toHaveLength(1);
      expect(seen.filter((request) => request === 'PATCH 0')).toHaveLength(1); // the first chunk never again
      expect(await stored('budget.pdf')).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('resumes after a reload when the same file is chosen again, from the bytes the api has', async () => {
    const tab = await openPage(browser, 'en', 1280);
    try {
      const { page } = tab;
      await open(tab);
      const beforeReload = await watchUploads(page, () => true);
      const { path, bytes } = fileOf('rapport-annuel.pdf');
      await page.getByLabel('Add a document').setInputFiles(path);
      await page.getByText('Connection lost: the upload goes on by itself when it returns.').waitFor();
      expect(beforeReload.slice(0, 2)).toEqual(['POST', 'PATCH 0']);
      await page.locator('.upload progress').waitFor();
      expect(await accessibilityViolations(page)).toEqual([]); // the progress bar and the notice

      // The old document's retries keep going to the cutting watcher until it is gone (one may be
      // on its way while the page reloads); only the reloaded document's requests reach the new one,
      // registered last and so consulted first.
      await page.reload();
      const seen = await watchUploads(page, () => false);
      await page
        .getByText('The upload of rapport-annuel.pdf was interrupted: choose the same file again to resume it.')
        .waitFor();
      await page.getByLabel('Add a document').setInputFiles(path);
      await page.getByRole('status').getByText('rapport-annuel.pdf is uploaded.').waitFor({ timeout: 30_000 });
      expect(seen).toEqual(['HEAD', `PATCH ${CHUNK}`]);
      expect(await stored('rapport-annuel.pdf')).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
      await page.getByText(/was interrupted/).waitFor({ state: 'detached' });
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  describe('with access tokens that expire within seconds', () => {
    let short: TestApp;
    let people: Awaited<ReturnType<typeof sphereWithPeople>>;
    beforeAll(async () => {
      short = await startTestApp({ env: { ACCESS_TOKEN_TTL_SECONDS: '3' } });
      people = await sphereWithPeople(short, { name: 'Quartier Centre' });
    });
    afterAll(() => short?.close());

    it('refreshes the token between the requests of an upload that outlives it', async () => {
      const tab = await openPage(browser, 'en', 1280);
      try {
        const { page } = tab;
        await openSignedIn(short, tab, people.member, `/spheres/${people.sphere.id}/documents`);
        await page.getByText('No documents here yet.').waitFor();
        const tokens = new Set<string>();
        page.on('request', (request) => {
          if (request.url().includes('/api/v1/uploads')) tokens.add(request.headers()['authorization'] ?? 'none');
        });
        let failures = 0;
        await watchUploads(page, () => failures++ < 3); // about 4 s of retries: past the token's life
        const { path, bytes } = fileOf('long.pdf');
        await page.getByLabel('Add a document').setInputFiles(path);
        await page.getByRole('status').getByText('long.pdf is uploaded.').waitFor({ timeout: 30_000 });
        const list = await short.http
          .get(`/api/v1/spheres/${people.sphere.id}/documents`)
          .set(as(await freshLogin(short, people.member)))
          .expect(200);
        expect(list.body.items).toEqual([expect.objectContaining({ name: 'long.pdf', sha256: sha256(bytes) })]);
        expect(tokens.has('none')).toBe(false);
        expect(tokens.size).toBeGreaterThan(1);
        expect(tab.problems).toEqual([]);
      } finally {
        await tab.close();
      }
    });
  });
});
