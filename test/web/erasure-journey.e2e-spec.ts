import { Browser } from 'playwright-core';
import { createPost, sphereWithPeople } from '../factories/content';
import { createOrganisation, registerUser } from '../factories/structure';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';
import { accessibilityViolations, BrowserPage, launchBrowser, openPage } from './browser';
import { openSignedIn } from './web-world';

/**
 * Deleting one's account from /me/privacy (issue 15): the consequences first, the password in a native
 * dialog, a wrong password and the last owner refused in words, then signed out and sent home; the
 * person cannot sign in again and their post reads "Former member". English and French, no axe violation.
 */
describe('web client: account erasure', () => {
  let t: TestApp;
  let browser: Browser;
  const tabs: BrowserPage[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
  });
  afterAll(async () => {
    await Promise.all(tabs.map((tab) => tab.close()));
    await browser?.close();
    await t?.close();
  });

  async function tab(user: TestUser, path: string, locale: 'en' | 'fr' = 'en') {
    const opened = await openPage(browser, locale);
    tabs.push(opened);
    opened.page.setDefaultTimeout(12_000);
    await openSignedIn(t, opened, user, path);
    return opened;
  }

  it('a member deletes their account: signed out, cannot sign in again, their post reads "Former member"', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id, 'Seeds to swap on Sunday');
    const { page, problems } = await tab(member, '/me/privacy');

    const section = page.getByRole('region', { name: 'Delete my account' });
    await section.getByText('each organisation chooses').waitFor();
    await section.getByText('This cannot be undone.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await section.getByRole('button', { name: 'Delete my account…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete your account for good?' });
    await dialog.getByLabel('Password').fill('not-my-password-at-all');
    await dialog.getByRole('button', { name: 'Delete my account for good' }).click();
    await dialog.getByRole('alert').getByText('This password is wrong.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await dialog.getByLabel('Password').fill(member.password);
    await dialog.getByRole('button', { name: 'Delete my account for good' }).click();
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.evaluate("localStorage.getItem('alveole.refreshToken')")).toBeNull();

    const login = await t.http.post('/api/v1/auth/login').send({ email: member.email, password: member.password });
    expect(login.status).toBe(401);

    const reader = await tab(other, `/spheres/${sphere.id}`);
    const article = reader.page.locator(`article[aria-labelledby="post-${post.id}"]`);
    await article.getByText('Seeds to swap on Sunday').waitFor();
    await article.locator('p.hint').getByText('by Former member').waitFor();
    expect([problems, reader.problems]).toEqual([[], []]);
  });

  it('in French: the last owner is told to hand over first and stays; a former member reads "Ancien·ne membre"', async () => {
    const { admin, sphere, member, other } = await sphereWithPeople(t);
    await createPost(t, member, sphere.id, 'Atelier vélo samedi');
    const owner = await registerUser(t.http);
    await createOrganisation(t, admin, { owner });

    const owning = await tab(owner, '/me/privacy', 'fr');
    const section = owning.page.getByRole('region', { name: 'Supprimer mon compte' });
    await section.getByText('chaque organisation choisit').waitFor();
    await section.getByRole('button', { name: 'Supprimer mon compte…' }).click();
    const dialog = owning.page.getByRole('dialog', { name: 'Supprimer votre compte pour de bon ?' });
    await dialog.getByLabel('Mot de passe').fill(owner.password);
    await dialog.getByRole('button', { name: 'Supprimer mon compte pour de bon' }).click();
    await dialog.getByRole('alert').getByText('dernière propriétaire d’une organisation').waitFor();
    expect(await accessibilityViolations(owning.page)).toEqual([]);
    const still = await t.http.post('/api/v1/auth/login').send({ email: owner.email, password: owner.password });
    expect(still.status).toBe(200);

    const leaving = await tab(member, '/me/privacy', 'fr');
    await leaving.page.getByRole('button', { name: 'Supprimer mon compte…' }).click();
    const confirm = leaving.page.getByRole('dialog', { name: 'Supprimer votre compte pour de bon ?' });
    await confirm.getByLabel('Mot de passe').fill(member.password);
    await confirm.getByRole('button', { name: 'Supprimer mon compte pour de bon' }).click();
    await leaving.page.getByRole('heading', { name: 'Se connecter', level: 1 }).waitFor();

    const reader = await tab(other, `/spheres/${sphere.id}`, 'fr');
    await reader.page
      .locator('article', { hasText: 'Atelier vélo samedi' })
      .getByText('par Ancien·ne membre')
      .waitFor();
    expect(await accessibilityViolations(reader.page)).toEqual([]);
    expect([owning.problems, leaving.problems, reader.problems]).toEqual([[], [], []]);
  });
});
