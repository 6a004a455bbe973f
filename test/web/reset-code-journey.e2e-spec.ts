import { Browser } from 'playwright-core';
import { sphereWithPeople } from '../factories/content';
import { createInvitation, registerUser } from '../factories/structure';
import { eventually } from '../support/processes';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { BrowserPage, launchBrowser, openPage, PageState, violationsInStates } from './browser';
import { openSignedIn } from './web-world';

/**
 * Issue 15 in the browser: a person signs up from an invitation with a username instead of an e-mail,
 * forgets the password, an animator gives a reset code from the members list, the person resets with it
 * and signs in with the username; someone with an e-mail resets through the e-mailed link. axe in en and fr.
 */
describe('web client: accounts without e-mail and password resets', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let browser: Browser;
  let world: Awaited<ReturnType<typeof sphereWithPeople>>;
  const SPHERE = 'Maraude Est';
  beforeAll(async () => {
    browser = await launchBrowser();
    smtp = await startSmtpSink();
    t = await startTestApp({
      env: { REGISTER_MAX_PER_HOUR: '1000', SMTP_URL: `smtp://127.0.0.1:${smtp.port}` },
      withWorker: true,
    });
    world = await sphereWithPeople(t, { name: SPHERE });
  });
  afterAll(async () => {
    await browser?.close();
    await smtp?.close();
    await t?.close();
  });

  const membersOf = (tab: BrowserPage) =>
    tab.page.locator('section', { has: tab.page.getByRole('heading', { name: 'Members' }) });

  /** Signs up without e-mail through the form; the person lands signed in, their sphere in the menu. */
  async function signUpWithoutEmail(tab: BrowserPage, username: string, displayName: string, password: string) {
    const invitation = await createInvitation(t, world.admin, world.sphere.id);
    await tab.page.goto(`${t.url}/register?code=${invitation.code}`);
    await tab.page.getByLabel('Display name').fill(displayName);
    await tab.page.getByLabel('I have no e-mail address: I choose a username').check();
    await tab.page.getByLabel(/^Username/).fill(username);
    await tab.page.getByLabel(/^Password/).fill(password);
    await tab.page.getByRole('button', { name: 'Create an account' }).click();
    await tab.page.locator(`aside a[href="/spheres/${world.sphere.id}"]`).waitFor();
  }

  it('signs up with a username, gets a code from an animator, resets with it once and signs in again', async () => {
    const member = await openPage(browser, 'en', 360);
    await signUpWithoutEmail(member, 'camille.b', 'Camille B', 'first-password-here');
    await member.close();

    // the animator gives a code from the members list; it shows once, with its expiry and what to say
    const animator = await openPage(browser, 'en');
    await openSignedIn(t, animator, world.animator, `/spheres/${world.sphere.id}/moderate`);
    await animator.page.getByRole('heading', { name: `Moderate ${SPHERE}` }).waitFor();
    await membersOf(animator).getByRole('button', { name: 'Give Camille B a reset code' }).click();
    const shown = membersOf(animator).getByRole('status').filter({ hasText: 'Reset code for Camille B' });
    await shown.waitFor();
    await expect(shown.getByText(/It works once, until \d\d:\d\d/).count()).resolves.toBe(1);
    const code = (await shown.locator('strong').textContent())!;
    expect(code).toMatch(/^[A-Z0-9]{5} [A-Z0-9]{5}$/);
    await animator.close();

    // the person resets from the sign-in page, then signs in with the username and the new password
    const back = await openPage(browser, 'en', 360);
    await back.page.goto(t.url);
    await back.page.getByRole('link', { name: 'Forgot your password?' }).click();
    const byCode = back.page.locator('section', { has: back.page.getByRole('heading', { name: /a code from an/ }) });
    await byCode.getByLabel(/^Username/).fill('camille.b');
    await byCode.getByLabel(/^Reset code/).fill(code);
    await byCode.getByLabel(/^New password/).fill('second-password-here');
    await byCode.getByRole('button', { name: 'Change my password' }).click();
    await byCode.getByText('Your password is changed.').waitFor();
    // the code worked once
    await byCode.getByLabel(/^Reset code/).fill(code);
    await byCode.getByLabel(/^New password/).fill('third-password-here');
    await byCode.getByRole('button', { name: 'Change my password' }).click();
    await byCode.getByRole('alert').filter({ hasText: 'This reset code does not work' }).waitFor();

    await back.page.goto(t.url);
    await back.page.getByRole('button', { name: 'Use a username instead' }).click();
    await back.page.getByLabel('Username').fill('camille.b');
    await back.page.getByLabel('Password').fill('second-password-here');
    await back.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await back.page.locator(`aside a[href="/spheres/${world.sphere.id}"]`).waitFor();
    expect(back.problems).toEqual([]);
    await back.close();
  });

  it('resets through the e-mailed link, which works once', async () => {
    const user = await registerUser(t.http);
    const tab = await openPage(browser, 'en');
    await tab.page.goto(`${t.url}/forgot-password`);
    const byEmail = tab.page.locator('section', {
      has: tab.page.getByRole('heading', { name: 'Get a link by e-mail' }),
    });
    await byEmail.getByLabel('Email').fill(user.email);
    await byEmail.getByRole('button', { name: 'Send me a link' }).click();
    await byEmail.getByText('If an account uses this address, a link is on its way.').waitFor();
    const mail = await eventually(() => smtp.to(user.email).find((m) => m.text.includes('/reset-password/')));
    const link = /(http\S+\/reset-password\/[\w-]+)/.exec(mail.text)![1];

    await tab.page.goto(link.replace(t.config.publicUrl, t.url));
    await tab.page.getByLabel(/^New password/).fill('a-new-password-by-link');
    await tab.page.getByRole('button', { name: 'Change my password' }).click();
    await tab.page.getByRole('status').filter({ hasText: 'Your password is changed.' }).waitFor();
    await tab.page.goto(link.replace(t.config.publicUrl, t.url));
    await tab.page.getByLabel(/^New password/).fill('another-password-by-link');
    await tab.page.getByRole('button', { name: 'Change my password' }).click();
    await tab.page.getByRole('alert').filter({ hasText: 'does not work any more' }).waitFor();
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: 'a-new-password-by-link' });
    expect(login.status).toBe(200);
    expect(tab.problems).toEqual([]);
    await tab.close();
  });

  describe('accessibility', () => {
    const states = (): PageState[] => [
      [
        'sign-in with a username',
        async ({ page }) => {
          await page.goto(t.url);
          await page.locator('form input[type=password]').waitFor();
          await page.locator('button.link').first().click();
          await page.locator('input[autocomplete=username]').waitFor();
        },
      ],
      [
        'sign-up without e-mail',
        async ({ page }) => {
          await page.goto(`${t.url}/register?code=whatever-code`);
          await page.locator('input[type=checkbox]').check();
          await page.locator('input[autocomplete=username]').waitFor();
        },
      ],
      [
        'forgot password, after a wrong code',
        async ({ page }) => {
          await page.goto(`${t.url}/forgot-password`);
          const form = page.locator('form').nth(1);
          await form.locator('input[autocomplete=username]').fill('nobody.here');
          await form.locator('input[autocomplete=one-time-code]').fill('ABCDEFGHJK');
          await form.locator('input[type=password]').fill('long-enough-password');
          await form.locator('button[type=submit]').click();
          await page.locator('[role=alert]').waitFor();
        },
      ],
      [
        'reset page for an e-mailed link',
        async ({ page }) => {
          await page.goto(`${t.url}/reset-password/${'x'.repeat(43)}`);
          await page.locator('input[type=password]').waitFor();
        },
      ],
      [
        'a reset code shown in the members list',
        async (tab) => {
          await openSignedIn(t, tab, world.animator, `/spheres/${world.sphere.id}/moderate`);
          const button = tab.page.locator('.reset-code button').first();
          await button.click();
          await tab.page.locator('.reset-code [role=status], .reset-code [role=alert]').first().waitFor();
        },
      ],
    ];
    for (const locale of ['en', 'fr'] as const) {
      it(`has no WCAG A/AA violation in ${locale} at 360 and 1280 px`, async () => {
        expect(await violationsInStates(browser, locale, [360, 1280], states())).toEqual([]);
      }, 180_000);
    }
  });
});
