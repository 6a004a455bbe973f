import { Browser } from 'playwright-core';
import { createPost, sphereWithPeople } from '../factories/content';
import { samples, uploadAs } from '../factories/documents';
import { as } from '../factories/structure';
import { startTestApp, TestApp } from '../support/test-app';
import { BrowserPage, launchBrowser, openPage, PageState, violationsInStates } from './browser';
import { tabTo } from './keyboard';
import { openSignedIn } from './web-world';

/**
 * The documents screens for everyone: axe-core (WCAG 2.0–2.2 A and AA) on the documents page with
 * folders and documents (menus, versions and dialogs open), inside a folder, a search, the composer's
 * picker and a post's attachments, in French and English at 360 and 1280 px; no sideways scrolling
 * down to 320 px; the main actions reached with the keyboard alone.
 */
describe('web client: documents accessibility', () => {
  let t: TestApp;
  let browser: Browser;
  let world: Awaited<ReturnType<typeof sphereWithPeople>>;
  let folderId: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
    world = await sphereWithPeople(t, { name: 'Quartier Est' });
    const { member, sphere } = world;
    const folder = await t.http
      .post(`/api/v1/spheres/${sphere.id}/folders`)
      .set(as(member))
      .send({ name: 'Procès-verbaux des assemblées générales extraordinaires' })
      .expect(201);
    folderId = folder.body.id;
    await t.http
      .post(`/api/v1/spheres/${sphere.id}/folders`)
      .set(as(member))
      .send({ name: 'Affiches', parentId: folderId })
      .expect(201);
    const long = 'compte-rendu-de-la-reunion-du-conseil-de-quartier-2026-version-definitive.pdf';
    const { body: doc } = await uploadAs(t, member, sphere.id, samples.pdf(4000), { name: long }).expect(201);
    await t.http
      .post(`/api/v1/documents/${doc.id}/versions`)
      .set(as(member))
      .attach('file', samples.pdf(6000), { filename: long, contentType: 'application/pdf' })
      .expect(201);
    await uploadAs(t, world.other, sphere.id, samples.text(), { name: 'horaires.txt', type: 'text/plain' }).expect(201);
    await uploadAs(t, member, sphere.id, samples.pdf(), { name: 'plan.pdf', folderId }).expect(201);
    const post = await t.http
      .post(`/api/v1/spheres/${sphere.id}/posts`)
      .set(as(member))
      .send({ body: 'Les documents de la réunion', attachmentIds: [doc.id] })
      .expect(201);
    expect(post.body.attachments).toHaveLength(1);
    await createPost(t, world.other, sphere.id, 'Merci !');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const documentsPage = (query = '') => `/spheres/${world.sphere.id}/documents${query}`;
  const listed = async (tab: BrowserPage, query = '') => {
    await openSignedIn(t, tab, world.member, documentsPage(query));
    await tab.page.locator('li.document').first().waitFor();
  };

  const states = (): PageState[] => [
    ['documents with folders', (tab) => listed(tab)],
    [
      'a document with its options and versions open, then the delete dialog',
      async (tab) => {
        await listed(tab);
        const doc = tab.page.locator('li.document').first();
        await doc.locator('details.doc-options > summary').click();
        await doc.locator('details:not(.doc-options) > summary').click();
        await doc.locator('ol.versions > li').nth(1).waitFor();
        await doc.locator('details.doc-options button.secondary').last().click();
        await tab.page.locator('dialog[open]').waitFor();
      },
    ],
    [
      'inside a folder, its tools open',
      async (tab) => {
        await listed(tab, `?folder=${folderId}`);
        await tab.page.locator('.folder-tools details > summary').click();
      },
    ],
    ['a search', (tab) => listed(tab, '?q=horaires')],
    [
      'the composer picking attachments, and a post with one',
      async (tab) => {
        await openSignedIn(t, tab, world.member, `/spheres/${world.sphere.id}`);
        await tab.page.locator('ul.attachments').waitFor();
        await tab.page.locator('details.attachments-picker > summary').click();
        await tab.page.locator('details.attachments-picker input[type=checkbox]').first().check();
      },
    ],
  ];

  for (const locale of ['en', 'fr'] as const) {
    it(`has no WCAG A/AA violation in ${locale} at 360 and 1280 px`, async () => {
      expect(await violationsInStates(browser, locale, [360, 1280], states())).toEqual([]);
    }, 120_000);
  }

  it('lays the documents page out from 320 px without sideways scrolling', async () => {
    for (const width of [320, 360]) {
      const tab = await openPage(browser, 'fr', width);
      try {
        await listed(tab);
        await tab.page.locator('li.document details.doc-options > summary').first().click();
        const overflow = await tab.page.evaluate(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        );
        expect([width, overflow]).toEqual([width, 0]);
      } finally {
        await tab.close();
      }
    }
  });

  it('is used with the keyboard alone: into a folder, then a download', async () => {
    const tab = await openPage(browser, 'en', 1280);
    try {
      const { page } = tab;
      await listed(tab);
      const link = page.getByRole('link', { name: /^Procès-verbaux/ });
      await tabTo(page, link);
      await page.keyboard.press('Enter');
      await page
        .getByRole('navigation', { name: 'Folders' })
        .getByRole('link', { name: /^Procès-verbaux/ })
        .waitFor();
      const download = page.getByRole('button', { name: 'Download plan.pdf' });
      await tabTo(page, download);
      const [saved] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      expect(saved.suggestedFilename()).toBe('plan.pdf');
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});
