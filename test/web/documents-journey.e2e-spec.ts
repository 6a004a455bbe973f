import { readFile } from 'node:fs/promises';
import { Browser, Locator, Page } from 'playwright-core';
import { sphereWithPeople } from '../factories/content';
import { samples, uploadAs } from '../factories/documents';
import { as } from '../factories/structure';
import { startTestApp, TestApp } from '../support/test-app';
import { BrowserPage, launchBrowser, openPage } from './browser';
import { openSignedIn } from './web-world';

/**
 * The documents screens against the real api (tus uploads, downloads with the Bearer token, live
 * events through the worker's relay) in Chromium: a member's whole journey with a document, what a
 * refused file shows, a document appearing live for another member, attachments in a post.
 */
describe('web client: documents', () => {
  let t: TestApp;
  let browser: Browser;
  let world: Awaited<ReturnType<typeof sphereWithPeople>>;
  const tabs: BrowserPage[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' }, withWorker: true });
    world = await sphereWithPeople(t, { name: 'Quartier Sud' });
  });
  afterAll(async () => {
    await Promise.all(tabs.map((tab) => tab.close()));
    await browser?.close();
    await t?.close();
  });

  async function open(width = 1280): Promise<BrowserPage> {
    const tab = await openPage(browser, 'en', width);
    tabs.push(tab);
    return tab;
  }

  const item = (page: Page, name: string) =>
    page.locator('li.document', { has: page.getByText(name, { exact: true }) });

  /** Clicks and hands back the bytes and the name of the file the browser saved. */
  async function downloaded(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), bytes: await readFile(path) };
  }

  const documentsOf = async (folderId?: string) =>
    (
      await t.http
        .get(`/api/v1/spheres/${world.sphere.id}/documents${folderId ? `?folderId=${folderId}` : ''}`)
        .set(as(world.member))
        .expect(200)
    ).body.items as { id: string; name: string; version: number; folderId: string | null }[];

  it('creates a folder, uploads, downloads, adds a version, renames, moves and deletes a document', async () => {
    const tab = await open(360);
    const { page, problems } = tab;
    await openSignedIn(t, tab, world.member, `/spheres/${world.sphere.id}`);
    await page.getByRole('link', { name: 'Documents', exact: true }).click();
    await page.getByRole('heading', { name: 'Documents of Quartier Sud' }).waitFor();

    await page.getByLabel('New folder').fill('Comptes rendus');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('status').getByText('Folder Comptes rendus created.').waitFor();
    await page.getByRole('link', { name: 'Comptes rendus' }).click();
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Comptes rendus' }).waitFor();

    const first = samples.pdf(3000);
    await page
      .getByLabel('Add a document')
      .setInputFiles({ name: 'ag-2026.pdf', mimeType: 'application/pdf', buffer: first });
    await page.getByRole('status').getByText('ag-2026.pdf is uploaded.').waitFor({ timeout: 20_000 });
    const row = item(page, 'ag-2026.pdf');
    await row.getByText(/^2\.9 KB · PDF · version 1 · by /).waitFor();
    const [folder] = (await t.http.get(`/api/v1/spheres/${world.sphere.id}/folders`).set(as(world.member)).expect(200))
      .body.items as { id: string }[];
    expect((await documentsOf(folder.id)).map((doc) => doc.name)).toEqual(['ag-2026.pdf']);

    const saved = await downloaded(page, row.getByRole('button', { name: 'Download ag-2026.pdf' }));
    expect(saved.name).toBe('ag-2026.pdf');
    expect(saved.bytes.equals(first)).toBe(true);

    // a new version
    await row.getByText('Options').click();
    const second = samples.pdf(5000);
    await row
      .getByLabel('Upload a new version')
      .setInputFiles({ name: 'ag-2026-v2.pdf', mimeType: 'application/pdf', buffer: second });
    await row.getByText(/ · version 2 · /).waitFor({ timeout: 20_000 });
    await row.getByText('Versions').click();
    const versions = row.locator('ol.versions > li');
    await versions.nth(1).waitFor();
    await expect(versions.allTextContents()).resolves.toEqual([
      expect.stringMatching(/^\s*version 2 · 4\.9 KB/),
      expect.stringMatching(/^\s*version 1 · 2\.9 KB/),
    ]);
    const older = await downloaded(page, row.getByRole('button', { name: 'Download version 1 of ag-2026.pdf' }));
    expect(older.bytes.equals(first)).toBe(true);

    // renamed (the options stay open after the new version), then moved to the top level: it leaves this folder
    await row.getByLabel('Name').fill('Assemblée 2026.pdf');
    await row.getByRole('button', { name: 'Rename' }).click();
    const renamed = item(page, 'Assemblée 2026.pdf');
    await renamed.waitFor();
    await renamed.getByText('Options').click();
    await renamed.getByLabel('Folder').selectOption({ label: 'All documents' });
    await renamed.getByRole('button', { name: 'Move' }).click();
    await renamed.waitFor({ state: 'detached' });
    await page.getByText('No documents here yet.').waitFor();
    expect(await documentsOf()).toEqual([
      expect.objectContaining({ name: 'Assemblée 2026.pdf', version: 2, folderId: null }),
    ]);

    // at the top level, deleted after a confirmation
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'All documents' }).click();
    const moved = item(page, 'Assemblée 2026.pdf');
    await moved.getByText('Options').click();
    await moved.getByRole('button', { name: 'Delete' }).click();
    await page
      .getByRole('dialog', { name: 'Delete Assemblée 2026.pdf?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await moved.waitFor({ state: 'detached' });
    expect(await documentsOf()).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("shows the api's problem for a file of a refused type, and a folder that is not empty", async () => {
    const tab = await open(1280);
    const { page, problems } = tab;
    const { body: folder } = await t.http
      .post(`/api/v1/spheres/${world.sphere.id}/folders`)
      .set(as(world.animator))
      .send({ name: 'Affiches' })
      .expect(201);
    await uploadAs(t, world.animator, world.sphere.id, samples.pdf(), {
      name: 'affiche.pdf',
      folderId: folder.id,
    }).expect(201);
    await openSignedIn(t, tab, world.animator, `/spheres/${world.sphere.id}/documents?folder=${folder.id}`);
    await item(page, 'affiche.pdf').waitFor();

    await page.getByLabel('Add a document').setInputFiles({
      name: 'installer.exe',
      mimeType: 'application/x-msdownload',
      buffer: Buffer.from('MZ not really a program'),
    });
    const alert = page.locator('.upload').getByRole('alert');
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toBe(
      'Files of type application/x-msdownload cannot be shared here (office documents, PDF, images, text and archives can)',
    );

    await page.getByText('Folder Affiches: rename or delete').click();
    await page.getByRole('button', { name: 'Delete this folder' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page
      .locator('.folder-tools')
      .getByRole('alert')
      .getByText('Move or delete what this folder holds first')
      .waitFor();
    expect(problems).toEqual([]);
  });

  it('shows another member a document as it is added, renamed and deleted, without a reload', async () => {
    const tab = await open(1280);
    const { page, problems } = tab;
    await openSignedIn(t, tab, world.other, `/spheres/${world.sphere.id}/documents`);
    await page.getByRole('heading', { name: 'Documents of Quartier Sud' }).waitFor();
    await page.locator('section[aria-labelledby=documents-title] > p, ul.documents').first().waitFor();

    const { body: added } = await uploadAs(t, world.member, world.sphere.id, samples.text(), {
      name: 'horaires.txt',
      type: 'text/plain',
    }).expect(201);
    const row = item(page, 'horaires.txt');
    await row.waitFor({ timeout: 20_000 });
    await row.getByText(/ · TXT · version 1 · /).waitFor();
    expect(await row.getByText('Options').count()).toBe(0); // another's document: not mine to change

    await t.http
      .patch(`/api/v1/documents/${added.id}`)
      .set(as(world.member))
      .send({ name: 'horaires-été.txt' })
      .expect(200);
    await item(page, 'horaires-été.txt').waitFor({ timeout: 20_000 });
    await t.http.delete(`/api/v1/documents/${added.id}`).set(as(world.member)).expect(204);
    await item(page, 'horaires-été.txt').waitFor({ state: 'detached', timeout: 20_000 });
    expect(problems).toEqual([]);
  });

  it('attaches documents of the sphere to a post, shows them in the feed, downloads them, and says when one is removed', async () => {
    const bytes = samples.pdf(1000);
    const { body: doc } = await uploadAs(t, world.member, world.sphere.id, bytes, { name: 'ordre-du-jour.pdf' }).expect(
      201,
    );
    const { body: gone } = await uploadAs(t, world.member, world.sphere.id, samples.text(), {
      name: 'brouillon.txt',
      type: 'text/plain',
    }).expect(201);
    const tab = await open(360);
    const { page, problems } = tab;
    await openSignedIn(t, tab, world.member, `/spheres/${world.sphere.id}`);
    await page.getByText('Attach documents (0/10)').click();
    await page.getByRole('checkbox', { name: /ordre-du-jour\.pdf/ }).check();
    await page.getByRole('checkbox', { name: /brouillon\.txt/ }).check();
    await page.getByText('Attached: ordre-du-jour.pdf, brouillon.txt').waitFor();
    await page.getByLabel('Your message (Markdown)').fill('Voici l’ordre du jour');
    await page.getByRole('button', { name: 'Publish' }).click();
    const post = page.locator('article', { hasText: 'Voici l’ordre du jour' });
    await post.waitFor();
    await page.getByText('Attach documents (0/10)').waitFor(); // the composer is empty again
    const posts = await t.http.get(`/api/v1/spheres/${world.sphere.id}/posts`).set(as(world.member)).expect(200);
    expect(posts.body.items[0].attachments.map((each: { id: string }) => each.id)).toEqual([doc.id, gone.id]);

    const attachments = post.getByRole('list', { name: 'Attachments' });
    await attachments.getByText('(1,015 B · PDF)').waitFor();
    const saved = await downloaded(page, attachments.getByRole('button', { name: 'Download ordre-du-jour.pdf' }));
    expect(saved.name).toBe('ordre-du-jour.pdf');
    expect(saved.bytes.equals(bytes)).toBe(true);

    await t.http.delete(`/api/v1/documents/${gone.id}`).set(as(world.member)).expect(204);
    await page.reload();
    await post.getByRole('list', { name: 'Attachments' }).getByText('Attachment removed').waitFor();
    expect(await post.getByRole('button', { name: /brouillon/ }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('lists 20 documents at a time with "load more", and finds documents by name in the whole sphere', async () => {
    const place = await sphereWithPeople(t, { name: 'Archives' });
    const { body: folder } = await t.http
      .post(`/api/v1/spheres/${place.sphere.id}/folders`)
      .set(as(place.member))
      .send({ name: 'Anciens' })
      .expect(201);
    for (let i = 0; i < 22; i++) {
      const name = `note-${String(i).padStart(2, '0')}.txt`;
      await uploadAs(t, place.member, place.sphere.id, samples.text(name), { name, type: 'text/plain' }).expect(201);
    }
    await uploadAs(t, place.member, place.sphere.id, samples.text(), {
      name: 'budget-2025.txt',
      type: 'text/plain',
      folderId: folder.id,
    }).expect(201);
    const tab = await open(360);
    const { page, problems } = tab;
    await openSignedIn(t, tab, place.member, `/spheres/${place.sphere.id}/documents`);
    const rows = page.locator('li.document');
    await rows.nth(19).waitFor();
    expect(await rows.count()).toBe(20);
    await page.getByRole('button', { name: 'Load more' }).click();
    await rows.nth(21).waitFor();
    expect(await rows.locator('p.name').allTextContents()).toEqual(
      Array.from({ length: 22 }, (_, i) => expect.stringContaining(`note-${String(i).padStart(2, '0')}.txt`)),
    );
    await page.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached' });

    await page.getByLabel('Find documents by name').fill('budget');
    await page.getByLabel('Find documents by name').press('Enter');
    await page.getByRole('heading', { name: 'Documents matching “budget”' }).waitFor();
    await rows.nth(1).waitFor({ state: 'detached' });
    expect(await rows.locator('p.name').allTextContents()).toEqual([expect.stringContaining('budget-2025.txt')]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('budget');
    expect(problems).toEqual([]);
  });
});
