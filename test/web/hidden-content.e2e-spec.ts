import { Browser } from 'playwright-core';
import { ContentModeration, ModeratedStatus } from '@alveole/content';
import { createComment, createPost, sphereWithPeople } from '../factories/content';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';
import { accessibilityViolations, BrowserPage, launchBrowser, openPage } from './browser';
import { openSignedIn } from './web-world';

/**
 * What the moderators' hide decision looks like in the browser (issue 11): the sphere's readers lose the
 * comment or post live, its author keeps it with a badge, in English and French, with no axe violation.
 */
describe('web client: hidden content', () => {
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

  const moderate = (type: 'post' | 'comment', id: string, status: ModeratedStatus) =>
    t.db.transaction((manager) => t.app.get(ContentModeration).setStatus(manager, { type, id }, status, null));

  async function tab(user: TestUser, path: string, locale: 'en' | 'fr' = 'en') {
    const opened = await openPage(browser, locale);
    tabs.push(opened);
    opened.page.setDefaultTimeout(12_000);
    await openSignedIn(t, opened, user, path);
    return opened;
  }

  /** A post with the author's comment, and a reader's tab on the sphere whose page is shown to listen. */
  async function scene() {
    const { sphere, member, other } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id, 'Food drive on Saturday');
    const mine = await createComment(t, member, post.id, 'Bring bags please');
    const path = `/spheres/${sphere.id}`;
    const reader = await tab(other, path);
    const theirs = reader.page.locator(`article[aria-labelledby="post-${post.id}"]`);
    await theirs.locator('summary', { hasText: 'Comments (1)' }).click();
    await theirs.getByText('Bring bags please').waitFor();
    // a comment arriving live shows the page listens before the moderators act
    await createComment(t, other, post.id, 'Count me in');
    await theirs.getByText('Count me in').waitFor({ timeout: 15_000 });
    return { member, post, mine, path, reader, theirs };
  }

  it('drops a hidden comment from a reader’s open list live; its author sees it badged', async () => {
    const { member, post, mine, path, reader, theirs } = await scene();
    await moderate('comment', mine.id, 'hidden');
    await theirs.getByText('Bring bags please').waitFor({ state: 'detached', timeout: 15_000 });
    await theirs.locator('summary', { hasText: 'Comments (1)' }).waitFor();

    const author = await tab(member, path);
    const own = author.page.locator(`article[aria-labelledby="post-${post.id}"]`);
    await own.locator('summary', { hasText: 'Comments (1)' }).click();
    await own.locator('li', { hasText: 'Bring bags please' }).getByText('Hidden by the moderators').waitFor();
    await own.getByText('Count me in').waitFor();
    expect(await accessibilityViolations(author.page)).toEqual([]);
    expect([reader.problems, author.problems]).toEqual([[], []]);
  });

  it('drops a hidden post from a reader’s feed live; its author keeps it badged (fr too) until restored', async () => {
    const { member, post, path, reader, theirs } = await scene();
    const author = await tab(member, path, 'fr');
    const own = author.page.locator(`article[aria-labelledby="post-${post.id}"]`);
    await own.waitFor();

    await moderate('post', post.id, 'hidden');
    await theirs.waitFor({ state: 'detached', timeout: 15_000 });
    // the author keeps it where it was, now badged
    await own.locator('p.hint').getByText('Masqué par les modérateurs').waitFor({ timeout: 15_000 });
    expect(await accessibilityViolations(author.page)).toEqual([]);

    await moderate('post', post.id, 'published');
    await reader.page.getByRole('button', { name: '1 new posts: show them' }).waitFor({ timeout: 15_000 });
    await own.locator('p.hint').getByText('Masqué par les modérateurs').waitFor({ state: 'detached' });
    expect([reader.problems, author.problems]).toEqual([[], []]);
  });
});
