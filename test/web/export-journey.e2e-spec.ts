import { readFile } from 'node:fs/promises';
import { Browser } from 'playwright-core';
import { createPost, sphereWithPeople } from '../factories/content';
import { exportsOf, readyExport, unzip } from '../factories/exports';
import { registerUser } from '../factories/structure';
import { startTestApp, TestApp } from '../support/test-app';
import { BrowserPage, launchBrowser, openPage, PageState, violationsInStates } from './browser';
import { openSignedIn } from './web-world';

/**
 * The export of my data on the privacy page, against the real api and worker: ask, see it being
 * prepared then ready, download the ZIP once through its link; axe in en and fr, before and when ready.
 */
describe('web client: export of my data', () => {
  let t: TestApp;
  let browser: Browser;
  const tabs: BrowserPage[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' }, withWorker: true });
  });
  afterEach(async () => {
    await Promise.all(tabs.splice(0).map((tab) => tab.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('asks for an export, waits until it is ready, and downloads the ZIP of my data once', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id, 'Notes for the food bank rota');
    const tab = await openPage(browser, 'en', 360);
    tabs.push(tab);
    const { page, problems } = tab;
    await openSignedIn(t, tab, member, '/me/privacy');
    await page.getByRole('heading', { name: 'Download my data' }).waitFor();
    await page.getByText('The download link works once, for 10 minutes.', { exact: false }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'the files you uploaded, every version' }).waitFor();

    await page.getByRole('button', { name: 'Prepare an export of my data' }).click();
    // built by the worker; the component follows it until it is ready
    await page
      .getByRole('status')
      .getByText(/Your export is ready \(.+\)\. It will be deleted on/)
      .waitFor({
        timeout: 30_000,
      });
    const button = page.getByRole('button', { name: 'Download my data (ZIP)' });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.zip$/);
    const entries = await unzip(await readFile(await download.path()));
    expect(JSON.parse(entries.get('profile.json')!.toString())).toMatchObject({ id: member.id });
    expect(JSON.parse(entries.get('posts.json')!.toString())).toEqual([
      expect.objectContaining({ id: post.id, body: 'Notes for the food bank rota' }),
    ]);

    // used once: the page says so and offers no second download
    await page
      .getByRole('status')
      .getByText(/^Downloaded on /)
      .waitFor();
    expect(await button.count()).toBe(0);
    expect((await exportsOf(t, member)).map((e) => e.status)).toEqual(['downloaded']);
    expect(problems).toEqual([]);
  }, 90_000);

  it('shows an export being prepared and offers no second one meanwhile', async () => {
    const me = await registerUser(t.http);
    // an export in progress (its row put there directly: the worker is quick)
    await t.db.query(`INSERT INTO data_exports (id, user_id) VALUES (gen_random_uuid(), $1)`, [me.id]);
    const tab = await openPage(browser, 'fr', 1280);
    tabs.push(tab);
    await openSignedIn(t, tab, me, '/me/privacy');
    await tab.page.getByRole('status').getByText('Votre export est en préparation…').waitFor();
    expect(await tab.page.getByRole('button', { name: 'Préparer un export de mes données' }).isDisabled()).toBe(true);
  });

  describe('accessibility', () => {
    const states = (): PageState[] => [
      [
        'never asked',
        async (tab) => {
          await openSignedIn(t, tab, await registerUser(t.http), '/me/privacy');
          await tab.page.locator('#export-title').waitFor();
          await tab.page.locator('section[aria-labelledby=export-title] button:enabled').first().waitFor();
        },
      ],
      [
        'ready',
        async (tab) => {
          const me = await registerUser(t.http);
          await readyExport(t, me);
          await openSignedIn(t, tab, me, '/me/privacy');
          await tab.page.locator('.export-latest').waitFor();
          await tab.page.locator('section[aria-labelledby=export-title] button').nth(1).waitFor();
        },
      ],
    ];
    for (const locale of ['en', 'fr'] as const) {
      it(`has no axe violation in ${locale}`, async () => {
        expect(await violationsInStates(browser, locale, [360, 1280], states())).toEqual([]);
      }, 120_000);
    }
  });
});
