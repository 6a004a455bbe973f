import { Browser } from 'playwright-core';
import { createPost } from '../factories/content';
import {
  as,
  createOrganisation,
  createSphere,
  enrol,
  instanceAdmin,
  putMember,
  registerUser,
} from '../factories/structure';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';
import { BrowserPage, launchBrowser, openPage, PageState, violationsInStates } from './browser';

/** An animator moderates a pre-moderated sphere in the browser: pending posts, pins, join requests. */
describe('web client: an animator', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: TestUser;
  let animator: TestUser;
  let author: TestUser;
  let sphereId: string;
  let hallId: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
    admin = await instanceAdmin(t);
    const org = await createOrganisation(t, admin);
    const sphere = await createSphere(t, admin, org.id, {
      visibility: 'private',
      moderationMode: 'pre',
      name: 'Quartier Nord',
    });
    sphereId = sphere.id;
    hallId = (await createSphere(t, admin, org.id, { visibility: 'public', name: 'Hall' })).id;
    [animator, author] = await Promise.all([registerUser(t.http), registerUser(t.http)]);
    await putMember(t, admin, sphereId, animator.id, 'animator');
    await putMember(t, admin, sphereId, author.id, 'member');
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
    await tab.page.locator(`aside a[href="/spheres/${sphereId}"]`).waitFor();
  }

  /** Someone of the organisation (through the public hall) asks to join the private sphere. */
  async function joinRequest(): Promise<TestUser> {
    const asker = await registerUser(t.http);
    await enrol(t, admin, hallId, [asker], { stay: true });
    const response = await t.http.post(`/api/v1/spheres/${sphereId}/join`).set(as(asker));
    expect(response.body.status).toBe('requested');
    return asker;
  }

  it('approves a pending post, pins it and accepts a join request; the author then sees it published', async () => {
    const post = await createPost(t, author, sphereId, 'Please check **this** first');
    expect(post.status).toBe('pending');
    const asker = await joinRequest();

    // the author's own page offers no moderation: the api refuses them the join requests
    const authorTab = await openPage(browser, 'en');
    try {
      await signIn(authorTab, author);
      await authorTab.page.goto(`${t.url}/spheres/${sphereId}`);
      await authorTab.page.locator('article', { hasText: 'Please check this first' }).waitFor();
      expect(await authorTab.page.getByRole('link', { name: 'Moderate this sphere' }).count()).toBe(0);
    } finally {
      await authorTab.close();
    }

    const tab = await openPage(browser, 'en', 360);
    try {
      const { page } = tab;
      await signIn(tab, animator);
      await page.locator(`aside a[href="/spheres/${sphereId}"]`).click();
      await page.getByRole('link', { name: 'Moderate this sphere' }).click();
      await page.getByRole('heading', { name: 'Moderate Quartier Nord' }).waitFor();

      const pending = page.locator('section', { has: page.getByRole('heading', { name: /^Posts awaiting approval/ }) });
      await pending.locator('article', { hasText: 'Please check this first' }).waitFor();
      await pending.getByRole('button', { name: 'Approve' }).click();
      await page.getByText('The post is published.').waitFor();
      await pending.getByText('No post awaits approval.').waitFor();
      const rows = await t.db.query(`SELECT status FROM posts WHERE id = $1`, [post.id]);
      expect(rows[0].status).toBe('published');

      // now among the published posts: pin it
      const published = page.locator('section', { has: page.getByRole('heading', { name: 'Published posts' }) });
      const pin = published.getByRole('button', { name: 'Pinned on top' });
      await pin.click();
      await published.locator('button[aria-pressed=true]', { hasText: 'Pinned on top' }).waitFor();
      const pinned = await t.db.query(`SELECT pinned_at IS NOT NULL AS pinned FROM posts WHERE id = $1`, [post.id]);
      expect(pinned[0].pinned).toBe(true);
      await published.getByRole('button', { name: 'Important' }).click();
      await published.locator('button[aria-pressed=true]', { hasText: 'Important' }).waitFor();
      const important = await t.db.query(`SELECT important FROM posts WHERE id = $1`, [post.id]);
      expect(important[0].important).toBe(true);

      await page.getByRole('button', { name: `Accept ${asker.displayName}` }).click();
      await page.getByText('The request is accepted.').waitFor();
      const membership = await t.db.query(`SELECT status FROM memberships WHERE sphere_id = $1 AND user_id = $2`, [
        sphereId,
        asker.id,
      ]);
      expect(membership[0].status).toBe('active');
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }

    // the author reads it published, through the api
    const seen = await t.http.get(`/api/v1/posts/${post.id}`).set(as(author));
    expect(seen.body.status).toBe('published');
  });

  it('refuses a pending post through the confirm dialog', async () => {
    const post = await createPost(t, author, sphereId, 'Not for this sphere');
    const tab = await openPage(browser, 'en');
    try {
      const { page } = tab;
      await signIn(tab, animator);
      await page.goto(`${t.url}/spheres/${sphereId}/moderate`);
      const article = page.locator('article', { hasText: 'Not for this sphere' });
      await article.getByRole('button', { name: 'Refuse' }).click();
      const dialog = page.getByRole('dialog', { name: 'Refuse this post?' });
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect((await t.db.query(`SELECT status FROM posts WHERE id = $1`, [post.id]))[0].status).toBe('pending');
      await article.getByRole('button', { name: 'Refuse' }).click();
      await dialog.getByRole('button', { name: 'Refuse' }).click();
      await page.getByText('The post is removed.').waitFor();
      const rows = await t.db.query(`SELECT deleted_at IS NOT NULL AS gone FROM posts WHERE id = $1`, [post.id]);
      expect(rows[0].gone).toBe(true); // soft-deleted (audited as post.deleted)
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  describe('accessibility of the moderation page', () => {
    beforeAll(async () => {
      await createPost(t, author, sphereId, 'Waiting for an animator');
      await joinRequest();
    });

    const states: [string, (tab: BrowserPage) => Promise<void>][] = [
      [
        'moderation page',
        async ({ page }) => {
          await page.goto(`${t.url}/spheres/${sphereId}/moderate`);
          await page.locator('article', { hasText: 'Waiting for an animator' }).waitFor();
        },
      ],
      [
        'refuse dialog open',
        async ({ page }) => {
          await page.goto(`${t.url}/spheres/${sphereId}/moderate`);
          const article = page.locator('article', { hasText: 'Waiting for an animator' });
          await article.locator('button.secondary').first().click();
          await page.getByRole('dialog').waitFor();
        },
      ],
      [
        'role change refused (animators do not manage members)',
        async ({ page }) => {
          await page.goto(`${t.url}/spheres/${sphereId}/moderate`);
          const row = page.locator('li', { hasText: author.displayName }).locator('form');
          await row.locator('select').selectOption('animator');
          await row.locator('button[type=submit]').click();
          await page.getByRole('alert').waitFor();
        },
      ],
    ];

    for (const locale of ['en', 'fr'] as const) {
      it(`has no WCAG A/AA violation in ${locale} at 360 and 1280 px`, async () => {
        const signedIn = states.map(([name, reach]): PageState => [
          name,
          async (tab) => {
            await signIn(tab, animator);
            await reach(tab);
          },
        ]);
        expect(await violationsInStates(browser, locale, [360, 1280], signedIn)).toEqual([]);
      }, 120_000);
    }
  });
});
