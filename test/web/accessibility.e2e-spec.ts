import { Browser } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import {
  accessibilityViolations,
  BrowserPage,
  launchBrowser,
  openPage,
  PageState,
  violationsInStates,
} from './browser';
import { CHARTER_ADDENDUM, openSignedIn, webWorld } from './web-world';

type World = Awaited<ReturnType<typeof webWorld>>;
type State = [name: string, reach: (tab: BrowserPage, world: World) => Promise<void>];

/**
 * axe-core (WCAG 2.0–2.2 A and AA) on every page and main state of the member's screens (dialogs
 * open, errors shown, menus open), in French and English, at 360 and 1280 px. The animator's and
 * manager's screens and the offline states have theirs in their journeys' files.
 */
describe('web client accessibility', () => {
  let t: TestApp;
  let browser: Browser;
  let world: World;
  beforeAll(async () => {
    browser = await launchBrowser();
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' }, withWorker: true });
    world = await webWorld(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the scanner finds what it looks for, twice in one document, and leaves out what it is told to', async () => {
    const tab = await openPage(browser);
    try {
      await tab.page.setContent('<main><img src="data:,"><aside><img src="data:,"></aside></main>');
      const first = await accessibilityViolations(tab.page);
      expect(first.find((line) => line.startsWith('image-alt:'))).toMatch(/\(main > img, aside > img\)$/);
      expect(await accessibilityViolations(tab.page)).toEqual(first); // axe injected once, still scanning
      const outside = await accessibilityViolations(tab.page, ['aside']);
      expect(outside.find((line) => line.startsWith('image-alt:'))).toMatch(/\(main > img\)$/);
    } finally {
      await tab.close();
    }
  });

  const inLyon = async (tab: BrowserPage, w: World) => {
    await openSignedIn(t, tab, w.member, `/spheres/${w.lyon.id}`);
    await tab.page.locator('article').first().waitFor();
  };
  const openAll = async ({ page }: BrowserPage) => {
    for (const summary of await page.locator('article summary').all()) await summary.click();
  };

  const states: State[] = [
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
      async ({ page }, w) =>
        void (await page.goto(`${t.url}/register?code=${w.invitation.code}`), await page.locator('form').waitFor()),
    ],
    [
      'home: feed and my spheres',
      async (tab, w) => {
        await openSignedIn(t, tab, w.member, '/');
        await tab.page.locator('article').first().waitFor();
        await tab.page.locator(`aside a[href="/spheres/${w.lyon.id}"]`).waitFor();
      },
    ],
    [
      'sphere: comments, replies, history, reactions and preview open',
      async (tab, w) => {
        await inLyon(tab, w);
        await tab.page.locator('textarea').first().fill('Some *preview*');
        await tab.page.locator('form summary').first().click();
        await openAll(tab);
        await tab.page.getByText('A reply to it').waitFor();
        // a reply form open (the links before it report others' comments)
        await tab.page
          .locator('article')
          .getByRole('button', { name: /^(Reply to|Répondre à) / })
          .first()
          .click();
        await tab.page.locator('article pre.revision').first().waitFor();
      },
    ],
    [
      'sphere: mention suggestions open',
      async (tab, w) => {
        await inLyon(tab, w);
        await tab.page
          .locator('textarea')
          .first()
          .pressSequentially(`Hi @${w.other.displayName.slice(0, 3)}`);
        await tab.page.locator('[role=listbox] [role=option]').first().waitFor();
      },
    ],
    [
      'sphere: editing a post, with an error',
      async (tab, w) => {
        await inLyon(tab, w);
        await tab.page.locator('article summary', { hasText: 'Options' }).click();
        await tab.page
          .locator('article')
          .getByRole('button', { name: /^(Edit|Modifier)$/ })
          .click();
        // the browser's own checks off: the api's answer is the error shown
        await tab.page
          .locator('article form')
          .first()
          .evaluate((form) => ((form as unknown as { noValidate: boolean }).noValidate = true));
        await tab.page.locator('article textarea').first().fill(' ');
        await tab.page.locator('article form button[type=submit]').first().click();
        await tab.page.locator('article [role=alert]').waitFor();
      },
    ],
    [
      'sphere: delete dialog open',
      async (tab, w) => {
        await inLyon(tab, w);
        await tab.page.locator('article summary', { hasText: 'Options' }).click();
        await tab.page
          .locator('article')
          .getByRole('button', { name: /^(Delete|Supprimer)$/ })
          .click();
        await tab.page.getByRole('dialog').waitFor();
      },
    ],
    [
      'charter dialog open',
      async (tab, w) => {
        await openSignedIn(t, tab, w.member, `/spheres/${w.charter.id}`);
        await tab.page.locator('textarea').first().fill('My first post');
        await tab.page.locator('section button[type=submit]').first().click();
        await tab.page.getByRole('dialog').getByText(CHARTER_ADDENDUM).waitFor();
      },
    ],
    [
      'a public sphere to join',
      async (tab, w) => {
        await openSignedIn(t, tab, w.member, `/spheres/${w.open.id}`);
        await tab.page.getByRole('button', { name: /^(Join|Rejoindre)$/ }).waitFor();
      },
    ],
    [
      'animator: a pending post',
      async (tab, w) => {
        await openSignedIn(t, tab, w.member, `/spheres/${w.moderated.id}`);
        await tab.page.getByRole('button', { name: /^(Approve|Approuver)$/ }).waitFor();
      },
    ],
    [
      'organisation: spheres and a sphere request with similar names',
      async (tab, w) => {
        await openSignedIn(t, tab, w.member, `/organisations/${w.org.id}`);
        await tab.page.locator('summary').click();
        // asked twice: the second request is told of the first (a similar name waiting)
        for (const _ of [1, 2]) {
          await tab.page.locator('form input').fill('Croix-Rousse');
          await tab.page.locator('form select').selectOption({ label: 'Lyon' });
          await tab.page.locator('form textarea').fill('We meet every month already');
          await tab.page.locator('form button[type=submit]').click();
          await tab.page.locator('[role=status] p').first().waitFor();
        }
        await tab.page.locator('[role=status] li').first().waitFor();
      },
    ],
    [
      'search results',
      async (tab, w) => {
        await openSignedIn(t, tab, w.member, '/search?q=bold');
        await tab.page.locator('article').first().waitFor();
      },
    ],
    [
      'profile with an error',
      async (tab, w) => {
        await openSignedIn(t, tab, w.member, '/profile');
        await tab.page.locator('form input').fill('Bad \u202E name');
        await tab.page.locator('form button[type=submit]').click();
        await tab.page.getByRole('alert').waitFor();
      },
    ],
    [
      'privacy: what we store, export, erasure',
      async (tab, w) => {
        await openSignedIn(t, tab, w.member, '/me/privacy');
        await tab.page.locator('table.stored-data tbody tr').first().waitFor();
      },
    ],
    [
      'a sphere that does not exist',
      async (tab, w) => {
        await openSignedIn(t, tab, w.member, '/spheres/0190f1a2-0000-7000-8000-000000000000');
        await tab.page.getByRole('heading', { name: /^(Not found|Introuvable)$/ }).waitFor();
      },
    ],
  ];

  // some twenty states, each reached in a fresh page and scanned by axe at both widths: minutes on a
  // busy 2-core machine, hence two halves per locale
  const halves = [states.slice(0, Math.ceil(states.length / 2)), states.slice(Math.ceil(states.length / 2))];
  for (const locale of ['en', 'fr'] as const) {
    for (const [index, half] of halves.entries()) {
      it(`has no WCAG A/AA violation in ${locale} at 360 and 1280 px (states, part ${index + 1})`, async () => {
        const inWorld = half.map(([name, reach]): PageState => [name, (tab) => reach(tab, world)]);
        expect(await violationsInStates(browser, locale, [360, 1280], inWorld)).toEqual([]);
      }, 240_000);
    }
  }
});
