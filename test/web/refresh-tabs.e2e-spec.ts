import { Browser } from 'playwright-core';
import { registerUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';
import { BrowserPage, launchBrowser, openPage } from './browser';

/**
 * Two tabs refreshing one token: the Web Lock frees the second tab before the first tab's new token
 * reaches its localStorage, so both present the same token and the api answers each with a branch of
 * the login. Here the other tab's write is made by hand while the answer is held: deterministic.
 */
describe('web client refresh across tabs', () => {
  let t: TestApp;
  let browser: Browser;
  let tab: BrowserPage;
  beforeAll(async () => {
    browser = await launchBrowser();
    t = await startTestApp();
  });
  afterAll(async () => {
    await tab?.close();
    await browser?.close();
    await t?.close();
  });

  it('keeps the login when another tab stored a new token while this refresh was on its way', async () => {
    const user = await registerUser(t.http);
    tab = await openPage(browser);
    const { page } = tab;
    await page.goto(t.url);
    await page.locator('input[type=email]').fill(user.email);
    await page.locator('input[type=password]').fill(user.password);
    await page.locator('button[type=submit]').click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    // the other tab's refresh of the same token, its answer stored here as its tab would
    const stored = (await page.evaluate(`localStorage.getItem('alveole.refreshToken')`)) as string;
    const otherTab = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: stored }).expect(200);
    const logouts: string[] = [];
    page.on('request', (request) => request.url().endsWith('/auth/logout') && logouts.push(request.url()));
    let released!: () => void;
    const release = new Promise<void>((resolve) => (released = resolve));
    let answered!: () => void;
    const answer = new Promise<void>((resolve) => (answered = resolve));
    await page.route('**/api/v1/auth/refresh', async (route) => {
      const response = await route.fetch(); // the api branches: the same token, within the grace period
      answered();
      await release;
      await route.fulfill({ response });
    });
    await page.reload(); // this tab refreshes with the token it read before the other tab's write
    await answer;
    await page.evaluate(`localStorage.setItem('alveole.refreshToken', ${JSON.stringify(otherTab.body.refreshToken)})`);
    released();

    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.unrouteAll();
    expect(logouts).toEqual([]);
    // both tabs' tokens still refresh: neither branch was ended
    const kept = (await page.evaluate(`localStorage.getItem('alveole.refreshToken')`)) as string;
    expect(kept).not.toBe(otherTab.body.refreshToken);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: kept }).expect(200);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: otherTab.body.refreshToken }).expect(200);
  });
});
