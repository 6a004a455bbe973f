import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import {
  createInvitation,
  createOrganisation,
  createSphere,
  instanceAdmin,
  putMember,
  registerUser,
  requestSphere,
} from '../factories/structure';
import { TestUser } from '../factories/users';
import { ROOT } from '../support/processes';
import { startTestApp, TestApp } from '../support/test-app';
import {
  accessibilityViolations,
  BrowserPage,
  launchBrowser,
  openPage,
  PageState,
  violationsInStates,
} from './browser';
import { arrowToOption, tabTo } from './keyboard';

const DAY = 24 * 3600 * 1000;

/** The README's picture of the sphere tree at this width (docs/screenshots/sphere-tree-<width>.png). */
async function screenshotTree(page: Page, width: number): Promise<void> {
  const folder = join(ROOT, 'docs', 'screenshots');
  mkdirSync(folder, { recursive: true });
  await page
    .locator('section[aria-labelledby=tree-title]')
    .screenshot({ path: join(folder, `sphere-tree-${width}.png`) });
}

/** A system manager runs an organisation in the browser: the sphere tree, requests, invitations, roles, audit. */
describe('web client: a system manager', () => {
  let t: TestApp;
  let browser: Browser;
  let manager: TestUser;
  let regional: TestUser;
  let orgId: string;
  let orgName: string;
  let franceId: string;
  let regionId: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
    const admin = await instanceAdmin(t);
    [manager, regional] = await Promise.all([registerUser(t.http), registerUser(t.http)]);
    // the manager owns the organisation (an ordinary account, not an instance admin)
    const org = await createOrganisation(t, admin, { owner: manager });
    orgId = org.id;
    orgName = `Organisation ${org.slug}`;
    franceId = (await createSphere(t, manager, orgId, { name: 'France' })).id;
    regionId = (await createSphere(t, manager, orgId, { name: 'Auvergne-Rhône-Alpes', parentId: franceId })).id;
    await createSphere(t, manager, orgId, { name: 'Bretagne', parentId: franceId });
    await putMember(t, manager, regionId, regional.id, 'member');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(tab: BrowserPage, user: TestUser) {
    await tab.page.goto(t.url);
    await tab.page.locator('input[type=email]').fill(user.email);
    await tab.page.locator('input[type=password]').fill(user.password);
    await tab.page.locator('button[type=submit]').click();
    await tab.page.locator(`a[href="/organisations/${orgId}/manage"]`).waitFor();
  }

  it('creates a sphere, moves it under a region and gives a 12-month regional mandate, with the keyboard only', async () => {
    const closing = await createSphere(t, manager, orgId, { name: 'Closing soon', parentId: franceId });
    const tab = await openPage(browser, 'en', 1280);
    const { page } = tab;
    try {
      await page.goto(t.url);
      await tabTo(page, page.locator('input[type=email]'));
      await page.keyboard.type(manager.email);
      await page.keyboard.press('Tab');
      await page.keyboard.type(manager.password);
      await page.keyboard.press('Enter');
      await tabTo(page, page.getByRole('link', { name: `Manage ${orgName}` }));
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: `Manage ${orgName}` }).waitFor();

      // create a sphere at the top level
      await tabTo(page, page.getByLabel('Name', { exact: true }));
      await page.keyboard.type('Lyon 3e');
      await tabTo(page, page.getByRole('button', { name: 'Create the sphere' }));
      await page.keyboard.press('Enter');
      await page.getByText('Lyon 3e is created.').waitFor();
      const created = await t.db.query(`SELECT id, parent_id FROM spheres WHERE organisation_id = $1 AND name = $2`, [
        orgId,
        'Lyon 3e',
      ]);
      expect(created).toHaveLength(1);
      expect(created[0].parent_id).toBeNull();

      // move it under the region: open its actions, choose the parent with the arrows
      const node = page.locator('ul.tree details', { has: page.locator('summary', { hasText: 'Change Lyon 3e' }) });
      await tabTo(page, node.locator('summary'));
      await page.keyboard.press('Enter');
      const parent = node.getByLabel('Move under');
      await tabTo(page, parent);
      await arrowToOption(page, parent, 'Auvergne-Rhône-Alpes');
      await tabTo(page, node.getByRole('button', { name: 'Move', exact: true }));
      await page.keyboard.press('Enter');
      await page.getByText('Lyon 3e is now under Auvergne-Rhône-Alpes.').waitFor();
      const moved = await t.db.query(`SELECT parent_id FROM spheres WHERE id = $1`, [created[0].id]);
      expect(moved[0].parent_id).toBe(regionId);

      // a system manager mandate scoped to the region, ending in 12 months (the default offered)
      const scope = page.getByLabel('Scope');
      await tabTo(page, scope);
      await arrowToOption(page, scope, 'Auvergne-Rhône-Alpes');
      const person = page.getByLabel(/^Person/);
      await person.locator('option', { hasText: regional.displayName }).waitFor({ state: 'attached' });
      await tabTo(page, person);
      await arrowToOption(page, person, regional.displayName);
      await tabTo(page, page.getByRole('button', { name: 'Give the mandate' }));
      await page.keyboard.press('Enter');
      await page.getByText(`${regional.displayName} is system manager of Auvergne-Rhône-Alpes.`).waitFor();

      const roles = await t.db.query(
        `SELECT role, scope_sphere_id, expires_at FROM role_assignments WHERE organisation_id = $1 AND user_id = $2`,
        [orgId, regional.id],
      );
      expect(roles).toHaveLength(1);
      expect(roles[0].role).toBe('system_manager');
      expect(roles[0].scope_sphere_id).toBe(regionId);
      const inTwelveMonths = new Date();
      inTwelveMonths.setMonth(inTwelveMonths.getMonth() + 12);
      const ends = new Date(roles[0].expires_at).getTime();
      expect(Math.abs(ends - inTwelveMonths.getTime())).toBeLessThan(2 * DAY);

      // the mandate is listed, and the audit log tells it
      await page.getByRole('button', { name: `Revoke the role of ${regional.displayName}` }).waitFor();
      await page.locator('ol.audit code', { hasText: 'role.granted' }).first().waitFor();
      await screenshotTree(page, 1280);

      // archive with the keyboard: Escape leaves the dialog without archiving, Enter on its button archives
      const closingNode = page.locator('ul.tree details', {
        has: page.locator('summary', { hasText: 'Change Closing soon' }),
      });
      await tabTo(page, closingNode.locator('summary'));
      await page.keyboard.press('Enter');
      await tabTo(page, closingNode.getByRole('button', { name: 'Archive' }));
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Archive Closing soon?' });
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      const kept = await t.db.query(`SELECT archived_at FROM spheres WHERE id = $1`, [closing.id]);
      expect(kept[0].archived_at).toBeNull();
      await page.keyboard.press('Enter'); // focus is back on the Archive button
      await dialog.waitFor();
      // Cancel has the focus (Enter never archives by surprise); Shift+Tab reaches Archive
      await expect(
        dialog.getByRole('button', { name: 'Cancel' }).evaluate((b) => b === b.ownerDocument.activeElement),
      ).resolves.toBe(true);
      await page.keyboard.press('Shift+Tab');
      await expect(
        dialog.getByRole('button', { name: 'Archive' }).evaluate((b) => b === b.ownerDocument.activeElement),
      ).resolves.toBe(true);
      await page.keyboard.press('Enter');
      await page.getByText('Closing soon is archived.').waitFor();
      const archived = await t.db.query(`SELECT archived_at FROM spheres WHERE id = $1`, [closing.id]);
      expect(archived[0].archived_at).not.toBeNull();
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('archives after confirming, answers a sphere request, makes and revokes an invitation, reads more of the audit log', async () => {
    const doomed = await createSphere(t, manager, orgId, { name: 'Old club', parentId: franceId });
    const request = await requestSphere(t, regional, orgId, { parentId: franceId, name: 'bretagne' });
    const wanted = await requestSphere(t, regional, orgId, { parentId: franceId, name: 'Quimper' });
    // enough history for a second page of the audit log (20 a page)
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8])
      await createSphere(t, manager, orgId, { name: `Club ${n}`, parentId: regionId });
    const tab = await openPage(browser, 'en', 360);
    const { page } = tab;
    try {
      await signIn(tab, manager);
      await page.goto(`${t.url}/organisations/${orgId}/manage`);

      // archive, through the confirm dialog (cancel first: nothing happens)
      const node = page.locator('ul.tree details', { has: page.locator('summary', { hasText: 'Change Old club' }) });
      await node.locator('summary').click();
      await node.getByRole('button', { name: 'Archive' }).click();
      const dialog = page.getByRole('dialog', { name: 'Archive Old club?' });
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect(
        (await t.db.query(`SELECT archived_at FROM spheres WHERE id = $1`, [doomed.id]))[0].archived_at,
      ).toBeNull();
      await node.getByRole('button', { name: 'Archive' }).click();
      await dialog.getByRole('button', { name: 'Archive' }).click();
      await page.getByText('Old club is archived.').waitFor();
      const archived = await t.db.query(`SELECT archived_at FROM spheres WHERE id = $1`, [doomed.id]);
      expect(archived[0].archived_at).not.toBeNull();

      // the sphere request, with the similar name pointed out, is declined with a reason
      const card = page.locator('li.card', { hasText: 'bretagne' });
      await card.getByText('Similar names already exist: Bretagne').waitFor();
      await card.getByLabel('Reason told to the requester').fill('Bretagne exists already');
      await card.getByRole('button', { name: 'Decline bretagne' }).click();
      await page.getByText('The request for bretagne is declined.').waitFor();
      const decided = await t.db.query(`SELECT status, decision_reason FROM sphere_requests WHERE id = $1`, [
        request.id,
      ]);
      expect(decided[0]).toEqual({ status: 'rejected', decision_reason: 'Bretagne exists already' });

      // another is approved: the sphere is created under France
      await page.getByRole('button', { name: 'Create Quimper' }).click();
      await page.getByText('Quimper is created.').waitFor();
      const approved = await t.db.query(
        `SELECT r.status, s.parent_id FROM sphere_requests r JOIN spheres s ON s.id = r.sphere_id WHERE r.id = $1`,
        [wanted.id],
      );
      expect(approved[0]).toEqual({ status: 'approved', parent_id: franceId });
      await page.locator('ul.tree summary', { hasText: 'Change Quimper' }).waitFor();

      // the regional mandate given in the keyboard journey is listed: revoke it
      await page.getByRole('button', { name: `Revoke the role of ${regional.displayName}` }).click();
      await page.getByText('The role is revoked.').waitFor();
      const mandates = await t.db.query(
        `SELECT revoked_at FROM role_assignments WHERE organisation_id = $1 AND user_id = $2`,
        [orgId, regional.id],
      );
      expect(mandates).toHaveLength(1);
      expect(mandates[0].revoked_at).not.toBeNull();

      // an invitation to the region: its link shown, then revoked
      await page.getByLabel('Sphere to invite to').selectOption({ label: '\u00a0\u00a0Auvergne-Rhône-Alpes' });
      await page.getByRole('button', { name: 'Create an invitation' }).click();
      const link = page.getByLabel('Invitation link');
      await link.waitFor();
      const url = await link.inputValue();
      const invitation = await t.db.query(`SELECT id, code FROM invitations WHERE sphere_id = $1`, [regionId]);
      expect(invitation).toHaveLength(1);
      expect(url).toContain(invitation[0].code);
      await page.getByRole('button', { name: `Revoke ${invitation[0].code}` }).click();
      await page.getByText('The invitation is revoked.').waitFor();
      const revoked = await t.db.query(`SELECT revoked_at FROM invitations WHERE id = $1`, [invitation[0].id]);
      expect(revoked[0].revoked_at).not.toBeNull();

      // rename a sphere
      const club = page.locator('ul.tree details', { has: page.locator('summary', { hasText: 'Change Club 8' }) });
      await club.locator('summary').click();
      await club.getByLabel('New name').fill('Club huit');
      await club.getByRole('button', { name: 'Rename' }).click();
      await page.getByText('Renamed to Club huit.').waitFor();
      const renamed = await t.db.query(
        `SELECT count(*)::int AS n FROM spheres WHERE organisation_id = $1 AND name = $2`,
        [orgId, 'Club huit'],
      );
      expect(renamed[0].n).toBe(1);

      await screenshotTree(page, 360);

      // the audit log, 20 at a time
      await page.reload();
      const entries = page.locator('ol.audit > li');
      await entries.nth(19).waitFor();
      expect(await entries.count()).toBe(20);
      await page.getByRole('button', { name: 'Load more' }).click();
      await entries.nth(20).waitFor();
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it("changes a member's role until a date from the sphere's moderation page, without reading its posts", async () => {
    const tab = await openPage(browser, 'en', 1280);
    const { page } = tab;
    try {
      await signIn(tab, manager);
      await page.goto(`${t.url}/organisations/${orgId}/manage`);
      const region = page.locator('ul.tree details', {
        has: page.locator('summary', { hasText: 'Change Auvergne-Rhône-Alpes' }),
      });
      await region.locator('summary').click();
      await region.getByRole('link', { name: 'Members and moderation of Auvergne-Rhône-Alpes' }).click();
      await page.getByRole('heading', { name: 'Moderate Auvergne-Rhône-Alpes' }).waitFor();
      // an organisation role runs the sphere but does not read its content: the page says so
      await page.getByText('Your role lets you run this sphere but not read its posts').waitFor();
      const row = page.locator('li', { has: page.locator(`form[aria-label="${regional.displayName}"]`) });
      await row.getByLabel('Role').selectOption('animator');
      await row.getByLabel('Until (optional)').fill('2030-06-30');
      await row.getByRole('button', { name: 'Change the role' }).click();
      await row.getByText('Role saved.').waitFor();
      const membership = await t.db.query(
        `SELECT role, expires_at FROM memberships WHERE sphere_id = $1 AND user_id = $2`,
        [regionId, regional.id],
      );
      expect(membership[0].role).toBe('animator');
      expect(new Date(membership[0].expires_at).getUTCFullYear()).toBe(2030);
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  describe('accessibility of the management page', () => {
    beforeAll(async () => {
      await requestSphere(t, regional, orgId, { parentId: franceId, name: 'France Sud' });
      await createInvitation(t, manager, regionId, { role: 'member' });
    });

    const open = async ({ page }: BrowserPage) => {
      await page.goto(`${t.url}/organisations/${orgId}/manage`);
      await page.locator('ul.tree summary').first().waitFor();
      await page.locator('li.card').first().waitFor();
    };
    const states: [string, (tab: BrowserPage) => Promise<void>][] = [
      ['management page', open],
      [
        'actions open, invitations shown, archive dialog open',
        async (tab) => {
          await open(tab);
          const { page } = tab;
          await page.locator('#invitations-title ~ label select').selectOption({ index: 2 });
          await page.locator('ul.tree summary').first().click();
          await page.locator('ul.tree details button.secondary').first().click();
          await page.getByRole('dialog').waitFor();
        },
      ],
      [
        'mandate refused (end date in the past)',
        async (tab) => {
          await open(tab);
          const { page } = tab;
          const form = page.locator('#roles-title ~ form');
          await form.locator('select').nth(1).selectOption(regionId);
          await form.locator('select').nth(2).locator('option').nth(1).waitFor({ state: 'attached' });
          await form.locator('select').nth(2).selectOption({ index: 1 });
          await form.locator('input[type=date]').fill('2020-01-01');
          await form.locator('button[type=submit]').click();
          await page.locator('#roles-title ~ div [role=alert]').waitFor();
        },
      ],
    ];

    for (const locale of ['en', 'fr'] as const) {
      it(`has no WCAG A/AA violation in ${locale} at 360 and 1280 px`, async () => {
        const signedIn = states.map(([name, reach]): PageState => [
          name,
          async (tab) => {
            await signIn(tab, manager);
            await reach(tab);
          },
        ]);
        expect(await violationsInStates(browser, locale, [360, 1280], signedIn)).toEqual([]);
      }, 120_000);
    }
  });
});
