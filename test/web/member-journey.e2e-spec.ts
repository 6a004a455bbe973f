import { Browser } from 'playwright-core';
import {
  createInvitation,
  createOrganisation,
  createSphere,
  instanceAdmin,
  publishCharter,
  registerUser,
  putMember,
} from '../factories/structure';
import { userInput } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';
import { BrowserPage, launchBrowser, openPage } from './browser';

/** The web client served by the real api (Postgres, Redis, worker), driven in Chromium. */
describe('web client: a member', () => {
  let t: TestApp;
  let browser: Browser;
  const pages: BrowserPage[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' }, withWorker: true });
  });
  afterAll(async () => {
    await Promise.all(pages.map((p) => p.close()));
    await browser?.close();
    await t?.close();
  });

  async function sphereWithCharter() {
    const admin = await instanceAdmin(t);
    const org = await createOrganisation(t, admin);
    const sphere = await createSphere(t, admin, org.id, { visibility: 'private', name: 'Lyon' });
    await publishCharter(t, admin, org.id);
    const invitation = await createInvitation(t, admin, sphere.id, { role: 'member' });
    return { admin, org, sphere, invitation };
  }

  it('registers with an invitation, accepts the charter, posts, and sees a post and a reply from someone else arrive live', async () => {
    const { admin, sphere, invitation } = await sphereWithCharter();
    const me = userInput();
    const tab = await openPage(browser, 'en');
    pages.push(tab);
    const { page } = tab;

    await page.goto(`${t.url}/invitations/${invitation.code}`);
    await page.getByLabel('Display name').fill(me.displayName);
    await page.getByLabel('Email').fill(me.email);
    await page.getByLabel(/^Password/).fill(me.password);
    await expect(page.getByLabel('Invitation code (optional)').inputValue()).resolves.toBe(invitation.code);
    await page.getByRole('button', { name: 'Create an account' }).click();

    await page.getByRole('link', { name: 'Lyon' }).click();
    await page.getByLabel('Your message (Markdown)').fill('Hello **Lyon**');
    await page.getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Be kind to one another.').waitFor();
    await dialog.getByRole('button', { name: 'I accept the charter' }).click();
    await page.getByRole('status').getByText('Your post is published.').waitFor();
    await page.locator('article', { hasText: 'Hello Lyon' }).waitFor();
    const rows = await t.db.query(`SELECT count(*)::int AS n FROM posts WHERE sphere_id = $1`, [sphere.id]);
    expect(rows[0].n).toBe(1); // the retry after the charter reused its Idempotency-Key

    // a second member, in another browser context, answers: the first sees a banner, the list does not move
    const other = await registerUser(t.http);
    await putMember(t, admin, sphere.id, other.id, 'member');
    const second = await openPage(browser, 'en');
    pages.push(second);
    await signIn(second, other.email, other.password);
    await second.page.goto(`${t.url}/spheres/${sphere.id}`);
    await second.page.locator('article', { hasText: 'Hello Lyon' }).waitFor();
    // (the second member accepts the charter through the api: this test is about the live update)
    await acceptCharterThroughApi(sphere.id, other.accessToken);
    await second.page.getByLabel('Your message (Markdown)').fill('Welcome to Lyon!');
    await second.page.getByRole('button', { name: 'Publish' }).click();

    const banner = page.getByRole('button', { name: '1 new posts: show them' });
    await banner.waitFor({ timeout: 15_000 });
    expect(await page.locator('article').count()).toBe(1);
    await banner.click();
    await page.locator('article', { hasText: 'Welcome to Lyon!' }).waitFor();

    // the second member replies to the first post: the comment arrives live in the first's open comments
    const mine = page.locator('article', { hasText: 'Hello Lyon' });
    await mine.locator('summary', { hasText: 'Comments (0)' }).click();
    const theirs = second.page.locator('article', { hasText: 'Hello Lyon' });
    await theirs.locator('summary', { hasText: 'Comments (0)' }).click();
    await theirs.getByLabel('Your comment').fill('Glad you are here');
    await theirs.getByRole('button', { name: 'Comment', exact: true }).click();
    await mine.getByText('Glad you are here').waitFor({ timeout: 15_000 });
    await mine.locator('summary', { hasText: 'Comments (1)' }).waitFor();
    expect(tab.problems).toEqual([]);
    expect(second.problems).toEqual([]);
  });

  async function acceptCharterThroughApi(sphereId: string, token: string) {
    const charter = await t.http.get(`/api/v1/spheres/${sphereId}/charter`).set({ authorization: `Bearer ${token}` });
    await t.http
      .post(`/api/v1/spheres/${sphereId}/charter/accept`)
      .set({ authorization: `Bearer ${token}` })
      .send({ version: charter.body.version })
      .expect((response) => expect(response.status).toBeLessThan(300));
  }

  async function signIn({ page }: BrowserPage, email: string, password: string) {
    await page.goto(t.url);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My organisations and spheres' }).waitFor();
  }

  it('accepts the charter once for the organisation: another sphere posts at once, an addendum alone is asked', async () => {
    const { admin, org, sphere } = await sphereWithCharter();
    const grenoble = await createSphere(t, admin, org.id, { visibility: 'private', name: 'Grenoble' });
    const rennes = await createSphere(t, admin, org.id, { visibility: 'private', name: 'Rennes' });
    await t.http
      .patch(`/api/v1/spheres/${rennes.id}`)
      .set({ authorization: `Bearer ${admin.accessToken}` })
      .send({ charterAddendum: 'No surnames of the people we help.' })
      .expect(200);
    const member = await registerUser(t.http);
    for (const where of [sphere, grenoble, rennes]) await putMember(t, admin, where.id, member.id, 'member');
    const tab = await openPage(browser, 'en');
    pages.push(tab);
    const { page } = tab;
    await signIn(tab, member.email, member.password);

    const publishIn = async (sphereId: string, body: string) => {
      await page.goto(`${t.url}/spheres/${sphereId}`);
      await page.getByLabel('Your message (Markdown)').fill(body);
      await page.getByRole('button', { name: 'Publish' }).click();
    };
    await publishIn(sphere.id, 'Hello Lyon');
    await page.getByRole('dialog').getByRole('button', { name: 'I accept the charter' }).click();
    await page.getByRole('status').getByText('Your post is published.').waitFor();

    // the same organisation's other sphere: no dialog, the post goes out at once
    await publishIn(grenoble.id, 'Hello Grenoble');
    await page.getByRole('status').getByText('Your post is published.').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);

    // a sphere with an addendum asks for it alone, not for the charter again
    await publishIn(rennes.id, 'Hello Rennes');
    const dialog = page.getByRole('dialog');
    await dialog.getByText('No surnames of the people we help.').waitFor();
    expect(await dialog.getByText('Be kind to one another.').count()).toBe(0);
    await dialog.getByRole('button', { name: 'I accept the addendum' }).click();
    await page.getByRole('status').getByText('Your post is published.').waitFor();
    const rows = await t.db.query(`SELECT count(*)::int AS n FROM posts WHERE author_id = $1`, [member.id]);
    expect(rows[0].n).toBe(3);
    expect(tab.problems).toEqual([]);
  });

  it('signs in and posts with the keyboard only', async () => {
    const { admin, sphere } = await sphereWithCharter();
    const member = await registerUser(t.http);
    await putMember(t, admin, sphere.id, member.id, 'member');
    await acceptCharterThroughApi(sphere.id, member.accessToken);
    const tab = await openPage(browser, 'fr', 360);
    pages.push(tab);
    const { page } = tab;
    await page.goto(t.url);
    await page.getByRole('heading', { name: 'Se connecter' }).waitFor();

    // Tab order: skip link, brand, language, email, password, submit
    await tabUntilFocused(page, 'input[type=email]');
    await page.keyboard.type(member.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(member.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Mes organisations et sphères' }).waitFor();
    await tabUntilFocused(page, 'a[href^="/spheres/"]');
    await page.keyboard.press('Enter');
    await tabUntilFocused(page, 'textarea');
    await page.keyboard.type('Posted from the keyboard');
    await tabUntilFocused(page, 'button[type=submit]');
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Votre message est publié.').waitFor();
    await page.locator('article', { hasText: 'Posted from the keyboard' }).waitFor();
    expect(tab.problems).toEqual([]);
  });
});

/** Presses Tab until the focused element matches the selector (fails after 30 presses). */
async function tabUntilFocused(page: import('playwright-core').Page, selector: string): Promise<void> {
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}
