import { Browser } from 'playwright-core';
import {
  createInvitation,
  createOrganisation,
  createSphere,
  instanceAdmin,
  publishCharter,
  putMember,
  registerUser,
} from '../factories/structure';
import { createPost } from '../factories/content';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';
import { accessibilityViolations, BrowserPage, launchBrowser, openPage } from './browser';

/** axe-core (WCAG 2.0–2.2 A and AA) on every page built so far, in French and English, at 360 and 1280 px. */
describe('web client accessibility', () => {
  let t: TestApp;
  let browser: Browser;
  let member: TestUser;
  let sphereId: string;
  let invitationCode: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
    const admin = await instanceAdmin(t);
    const org = await createOrganisation(t, admin);
    const sphere = await createSphere(t, admin, org.id, { visibility: 'private', name: 'Accessible sphere' });
    sphereId = sphere.id;
    member = await registerUser(t.http);
    await putMember(t, admin, sphere.id, member.id, 'member');
    await createPost(t, member, sphere.id, 'A post with **bold** text');
    invitationCode = (await createInvitation(t, admin, sphere.id)).code;
    await publishCharter(t, admin, org.id); // after the post: publishing asks for the charter
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signedIn(tab: BrowserPage) {
    await tab.page.goto(t.url);
    await tab.page.locator('input[type=email]').fill(member.email);
    await tab.page.locator('input[type=password]').fill(member.password);
    await tab.page.locator('button[type=submit]').click();
    await tab.page.locator(`a[href="/spheres/${sphereId}"]`).waitFor();
  }

  const states: [string, (tab: BrowserPage) => Promise<void>][] = [
    ['sign in', async ({ page }) => void (await page.goto(t.url), await page.locator('input[type=email]').waitFor())],
    [
      'sign in with an error',
      async ({ page }) => {
        await page.goto(t.url);
        await page.locator('input[type=email]').fill('nobody@example.org');
        await page.locator('input[type=password]').fill('wrong-password-long');
        await page.locator('button[type=submit]').click();
        await page.getByRole('alert').waitFor();
      },
    ],
    [
      'register',
      async ({ page }) =>
        void (await page.goto(`${t.url}/register?code=${invitationCode}`), await page.locator('form').waitFor()),
    ],
    ['my spheres', signedIn],
    [
      'sphere feed, comments and preview open',
      async (tab) => {
        await signedIn(tab);
        await tab.page.locator(`a[href="/spheres/${sphereId}"]`).click();
        await tab.page.locator('article').first().waitFor();
        await tab.page.locator('textarea').first().fill('Some *preview*');
        for (const summary of await tab.page.locator('summary').all()) await summary.click();
        await tab.page
          .getByRole('button', { name: /^(Comment|Commenter)$/ })
          .first()
          .waitFor();
      },
    ],
    [
      'charter dialog open',
      async (tab) => {
        await signedIn(tab);
        await tab.page.locator(`a[href="/spheres/${sphereId}"]`).click();
        await tab.page.locator('textarea').first().fill('My first post');
        await tab.page.locator('section button[type=submit]').first().click();
        await tab.page.getByRole('dialog').getByText('Be kind to one another.').waitFor();
      },
    ],
  ];

  for (const locale of ['en', 'fr'] as const) {
    for (const width of [360, 1280]) {
      it(`has no WCAG A/AA violation in ${locale} at ${width} px`, async () => {
        const found: string[] = [];
        for (const [name, reach] of states) {
          const tab = await openPage(browser, locale, width);
          try {
            await reach(tab);
            expect(await tab.page.evaluate('document.documentElement.lang')).toBe(locale);
            found.push(...(await accessibilityViolations(tab.page)).map((v) => `${name}: ${v}`));
            found.push(...tab.problems.map((p) => `${name}: ${p}`));
          } finally {
            await tab.close();
          }
        }
        expect(found).toEqual([]);
      });
    }
  }
});
