import { Browser, Page } from 'playwright-core';
import { createPost } from '../factories/content';
import {
  as,
  createOrganisation,
  createSphere,
  grantRole,
  instanceAdmin,
  publishCharter,
  putMember,
  registerUser,
} from '../factories/structure';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';
import { BrowserPage, launchBrowser, openPage, PageState, violationsInStates } from './browser';
import { openSignedIn } from './web-world';

/**
 * Moderation in the browser, against the real api and worker: a member reports a post citing a
 * charter article, the animator's queue shows it live, the animator claims and hides it, and the
 * reporter is told; a manager decides an escalated case on the organisation's page.
 */
describe('web client: moderation', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: TestUser;
  let animator: TestUser;
  let reporter: TestUser;
  let author: TestUser;
  let manager: TestUser;
  let orgId: string;
  let sphereId: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    // the worker relays the outbox: the outcome notices (durable live messages) reach reporter and author
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' }, withWorker: true });
    admin = await instanceAdmin(t);
    orgId = (await createOrganisation(t, admin)).id;
    sphereId = (await createSphere(t, admin, orgId, { visibility: 'private', name: 'Quartier Sud' })).id;
    [animator, reporter, author, manager] = await Promise.all([
      registerUser(t.http),
      registerUser(t.http),
      registerUser(t.http),
      registerUser(t.http),
    ]);
    await putMember(t, admin, sphereId, animator.id, 'animator');
    await putMember(t, admin, sphereId, reporter.id, 'member');
    await putMember(t, admin, sphereId, author.id, 'member');
    await grantRole(t, admin, orgId, { userId: manager.id, role: 'system_manager' });
    await publishCharter(t, admin, orgId, [
      { title: 'Respect', text: 'Be kind to one another.' },
      { title: 'Privacy', text: 'Never say where a person sleeps.' },
    ]);
    await acceptCharter(author);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function acceptCharter(user: TestUser) {
    const charter = await t.http.get(`/api/v1/spheres/${sphereId}/charter`).set(as(user)).expect(200);
    await t.http
      .post(`/api/v1/spheres/${sphereId}/charter/accept`)
      .set(as(user))
      .send({ version: charter.body.version })
      .expect((response) => expect(response.status).toBeLessThan(300));
  }

  /** A post reported through the api (the browser's own report is the journey's first step). */
  async function reportedCase(body: string, reason = 'spam'): Promise<string> {
    const post = await createPost(t, author, sphereId, body);
    const report = await t.http
      .post('/api/v1/reports')
      .set(as(reporter))
      .send({ targetType: 'post', targetId: post.id, reason })
      .expect(201);
    return report.body.caseId as string;
  }

  async function escalatedCase(body: string): Promise<string> {
    const caseId = await reportedCase(body);
    await t.http
      .post(`/api/v1/moderation/cases/${caseId}/escalation`)
      .set(as(animator))
      .send({ reason: 'The author is a sphere admin elsewhere' })
      .expect(200);
    return caseId;
  }

  const REPORT = {
    en: { post: 'Report this post', author: (name: string) => `Report ${name}` },
    fr: { post: 'Signaler cette publication', author: (name: string) => `Signaler ${name}` },
  };

  /** Opens the post's options and the report dialog about the post (or its author). */
  async function openReport(page: Page, text: string, which: 'post' | 'author' = 'post', locale: 'en' | 'fr' = 'en') {
    const article = page.locator('article', { hasText: text });
    const menu = article.locator('details.menu').last(); // after the reactions' menu
    if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
    const name = which === 'post' ? REPORT[locale].post : REPORT[locale].author(author.displayName);
    await article.getByRole('button', { name }).click();
    return page.getByRole('dialog');
  }

  /** Opens a case of the queue: its detail takes the place of the list, its heading the focus. */
  async function openCase(page: Page, caseId: string) {
    await page.locator(`#case-${caseId}`).click();
    await page.locator('#case-title:focus').waitFor();
  }

  it('a reported post reaches the animator live; claimed and hidden, the reporter is told', async () => {
    const post = await createPost(t, author, sphereId, 'Marc sleeps under the bridge on rue Pasteur');
    const animatorTab = await openPage(browser, 'en', 1280);
    const reporterTab = await openPage(browser, 'en', 360);
    try {
      await openSignedIn(t, animatorTab, animator, `/spheres/${sphereId}/moderate`);
      const queue = animatorTab.page.locator('section', {
        has: animatorTab.page.getByRole('heading', { name: 'Reports' }),
      });
      await queue.getByText('No case here.').waitFor();

      // the member reports it, citing the article about privacy (listed with its text)
      const { page } = reporterTab;
      await openSignedIn(t, reporterTab, reporter, `/spheres/${sphereId}`);
      const dialog = await openReport(page, 'Marc sleeps under the bridge');
      await dialog.getByText('Never say where a person sleeps.').waitFor();
      await dialog.getByRole('radio', { name: /Article 2: Privacy/ }).check();
      await dialog.getByLabel('Note for the animators (optional)').fill('His surname and where he sleeps');
      await dialog.getByText('31 of 2000 characters').waitFor();
      await dialog.getByRole('button', { name: 'Send the report' }).click();
      await dialog.getByText('Thank you: your report is sent to the animators.').waitFor();
      await dialog.getByRole('button', { name: 'Close' }).click();
      const reports = await t.db.query(`SELECT article, category, note FROM reports WHERE target_id = $1`, [post.id]);
      expect(reports).toEqual([{ article: 2, category: null, note: 'His surname and where he sleeps' }]);

      // twice: the api's conflict, in words
      const again = await openReport(page, 'Marc sleeps under the bridge');
      await again.getByRole('radio', { name: 'Spam or advertising' }).check();
      await again.getByRole('button', { name: 'Send the report' }).click();
      await again.getByRole('alert').getByText('You have already reported this.').waitFor();
      await again.getByRole('button', { name: 'Cancel' }).click();

      // the animator's queue shows it without a reload, its badge counted
      const [{ id: caseId }] = await t.db.query(`SELECT id FROM moderation_cases WHERE target_id = $1`, [post.id]);
      await queue.locator(`#case-${caseId}`).waitFor();
      await queue.getByRole('button', { name: 'Open (1)' }).waitFor();
      await openCase(animatorTab.page, caseId);
      await queue.getByText(`${reporter.displayName}, Article 2`).waitFor();
      await queue.getByText('His surname and where he sleeps').waitFor();
      await queue.getByRole('heading', { name: 'As reported' }).waitFor();
      await queue.getByRole('button', { name: 'Claim this case' }).click();
      await queue.getByText('You hold this case: decide it, or release it.').waitFor();
      await queue.getByLabel('Action').selectOption('hide');
      await queue.getByLabel('Reason (told to the author)').fill('Article 2: never say where a person sleeps');
      await queue.getByRole('button', { name: 'Decide', exact: true }).click();
      await queue.getByText('The decision is recorded.').waitFor();
      const [decided] = await t.db.query(`SELECT status, decision FROM moderation_cases WHERE id = $1`, [caseId]);
      expect(decided).toEqual({ status: 'resolved', decision: 'hide' });
      expect((await t.db.query(`SELECT status FROM posts WHERE id = $1`, [post.id]))[0].status).toBe('hidden');

      // the reporter is told at once, politely, and finds the notice in the list
      await page.getByText('New moderation notice: Your report on a post: hidden.').waitFor();
      await page.getByRole('link', { name: 'My moderation notices' }).click();
      await page.getByRole('heading', { name: 'Moderation notices' }).waitFor();
      await page.locator('main').getByText('Your report on a post: hidden.').waitFor();
      expect(await page.getByText('New moderation notice').count()).toBe(0); // read: the notice is gone
      expect([...animatorTab.problems, ...reporterTab.problems]).toEqual([]);
    } finally {
      await animatorTab.close();
      await reporterTab.close();
    }
  });

  it('the author reads the decision with the reason and the articles cited', async () => {
    const tab = await openPage(browser, 'en', 1280);
    try {
      await openSignedIn(t, tab, author, '/me/outcomes');
      await tab.page.getByText('A decision about your post: hidden.').waitFor();
      await tab.page.getByText('Reason: Article 2: never say where a person sleeps').waitFor();
      await tab.page.getByText('Charter articles cited: 2').waitFor();
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it("a manager decides an escalated case from the organisation's page", async () => {
    const caseId = await escalatedCase('Buy cheap watches at example.org');
    const tab = await openPage(browser, 'en', 360);
    try {
      const { page } = tab;
      await openSignedIn(t, tab, manager, `/organisations/${orgId}/manage`);
      await page.getByRole('link', { name: 'Escalated moderation cases' }).click();
      await page.getByRole('heading', { name: /^Escalated cases of / }).waitFor();
      await openCase(page, caseId);
      await page.getByText('Escalated: sent up by an animator').waitFor();
      await page.getByText('Note: The author is a sphere admin elsewhere').waitFor();
      await page.getByRole('button', { name: 'Claim this case' }).click();
      await page.getByText('You hold this case: decide it, or release it.').waitFor();
      await page.getByLabel('Action').selectOption('remove');
      await page.getByLabel('Reason (told to the author)').fill('Advertising');
      await page.getByRole('button', { name: 'Decide', exact: true }).click();
      await page.getByText('The decision is recorded.').waitFor();
      const [decided] = await t.db.query(`SELECT status, decision FROM moderation_cases WHERE id = $1`, [caseId]);
      expect(decided).toEqual({ status: 'resolved', decision: 'remove' });
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  describe('accessibility of the moderation screens', () => {
    let openCaseId: string;
    let escalatedCaseId: string;
    beforeAll(async () => {
      openCaseId = await reportedCase('Someone wrote a rude word here', '1');
      escalatedCaseId = await escalatedCase('A case for the managers');
      await createPost(t, author, sphereId, 'A post to report in the dialog');
    });

    const moderate = async (tab: BrowserPage) => {
      await openSignedIn(t, tab, animator, `/spheres/${sphereId}/moderate`);
      await tab.page.locator(`#case-${openCaseId}`).waitFor();
    };
    const states = (locale: 'en' | 'fr'): PageState[] => [
      [
        'report dialog',
        async (tab) => {
          await openSignedIn(t, tab, reporter, `/spheres/${sphereId}`);
          const dialog = await openReport(tab.page, 'A post to report in the dialog', 'post', locale);
          await dialog.getByRole('radio').first().waitFor();
        },
      ],
      [
        'report dialog with an error',
        async (tab) => {
          await openSignedIn(t, tab, reporter, `/spheres/${sphereId}`);
          const dialog = await openReport(tab.page, 'A post to report in the dialog', 'author', locale);
          await dialog.locator('button[type=submit]').click(); // no reason chosen
          await dialog.getByRole('alert').waitFor();
        },
      ],
      ['animator queue', moderate],
      [
        'case detail',
        async (tab) => {
          await moderate(tab);
          await openCase(tab.page, openCaseId);
        },
      ],
      [
        'decide form with an error',
        async (tab) => {
          await moderate(tab);
          await openCase(tab.page, openCaseId);
          // not claimed first: the api's 409 in words
          const form = tab.page.locator('form[aria-labelledby=decide-title]');
          await form.locator('select').selectOption('dismiss');
          await form.locator('textarea').fill('Not a breach');
          await form.locator('button[type=submit]').click();
          await tab.page.getByRole('alert').waitFor();
        },
      ],
      [
        'manager queue',
        async (tab) => {
          await openSignedIn(t, tab, manager, `/organisations/${orgId}/moderation`);
          await tab.page.locator(`#case-${escalatedCaseId}`).waitFor();
        },
      ],
      [
        'outcomes',
        async (tab) => {
          await openSignedIn(t, tab, reporter, '/me/outcomes');
          await tab.page.getByRole('heading', { level: 1 }).waitFor();
          await tab.page.locator('main li').first().waitFor();
        },
      ],
    ];

    for (const locale of ['en', 'fr'] as const) {
      it(`has no WCAG A/AA violation in ${locale} at 360 and 1280 px`, async () => {
        expect(await violationsInStates(browser, locale, [360, 1280], states(locale))).toEqual([]);
      }, 240_000); // seven states, each a fresh page signed in: over a minute on a loaded machine
    }
  });
});
