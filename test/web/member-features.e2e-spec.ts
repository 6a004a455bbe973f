import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, WebSocketRoute } from 'playwright-core';
import { createPost } from '../factories/content';
import { as } from '../factories/structure';
import { ROOT } from '../support/processes';
import { startTestApp, TestApp } from '../support/test-app';
import { BrowserPage, launchBrowser, openPage } from './browser';
import { openSignedIn, webWorld } from './web-world';

type World = Awaited<ReturnType<typeof webWorld>>;

/** What a member does past the first post: edit, reply, mention, react, join, search, profile, reconnect. */
describe('web client: a member, day to day', () => {
  let t: TestApp;
  let browser: Browser;
  let w: World;
  const tabs: BrowserPage[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' }, withWorker: true });
    w = await webWorld(t);
  });
  afterAll(async () => {
    await Promise.all(tabs.map((tab) => tab.close()));
    await browser?.close();
    await t?.close();
  });

  const relayed = (postId: string) => relayedIn(t, postId);

  async function tab(width = 1280) {
    const opened = await openPage(browser, 'en', width);
    tabs.push(opened);
    return opened;
  }

  it('edits a post and reads its history, replies to a comment, reacts and deletes', async () => {
    const post = await createPost(t, w.member, w.lyon.id, 'Meeting on Monday');
    const me = await tab();
    const { page } = me;
    await openSignedIn(t, me, w.member, `/spheres/${w.lyon.id}`);
    const article = page.locator(`article[aria-labelledby="post-${post.id}"]`);
    await article.getByText('Options').click();
    await article.getByRole('button', { name: 'Edit' }).click();
    await article.getByLabel('Your message (Markdown)').fill('Meeting on Tuesday');
    await article.getByRole('button', { name: 'Save' }).click();
    const edited = article;
    await edited.getByText('Meeting on Tuesday').waitFor();
    await edited.locator('summary', { hasText: 'Edited' }).click();
    await edited.locator('pre.revision', { hasText: 'Meeting on Monday' }).waitFor();

    await edited.getByText('More reactions').click();
    await edited.getByRole('button', { name: 'Celebrate', exact: true }).click();
    await edited.getByRole('button', { name: 'Celebrate (1)' }).waitFor();

    await edited.locator('summary', { hasText: 'Comments (0)' }).click();
    await edited.getByLabel('Your comment').fill('Who brings coffee?');
    await edited.getByRole('button', { name: 'Comment', exact: true }).click();
    await edited.getByRole('button', { name: /^Reply to / }).click();
    await edited.getByLabel('Your reply').fill('I do');
    await edited.getByRole('button', { name: 'Reply', exact: true }).click();
    await edited.locator('.replies', { hasText: 'I do' }).waitFor();
    const [reply] = await t.db.query(
      `SELECT r.parent_id = c.id AS threaded FROM comments r JOIN comments c ON c.post_id = r.post_id
        WHERE r.post_id = $1 AND r.body = 'I do' AND c.body = 'Who brings coffee?'`,
      [post.id],
    );
    expect(reply.threaded).toBe(true);
    const [reaction] = await t.db.query(`SELECT kind FROM reactions WHERE post_id = $1`, [post.id]);
    expect(reaction.kind).toBe('celebrate');

    await edited.getByText('Options').click();
    await edited.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await edited.waitFor({ state: 'detached' });
    const [stored] = await t.db.query(`SELECT deleted_by FROM posts WHERE id = $1`, [post.id]);
    expect(stored.deleted_by).toBe(w.member.id);
    expect(me.problems).toEqual([]);
  });

  it('completes a mention from the keyboard, and the mentioned member is recorded', async () => {
    const me = await tab(360);
    const { page } = me;
    await openSignedIn(t, me, w.member, `/spheres/${w.lyon.id}`);
    const composer = page.getByLabel('Your message (Markdown)').first();
    await composer.pressSequentially(`Thanks @${w.other.displayName.slice(0, 8)}`);
    await page.locator('[role=option]', { hasText: w.other.displayName }).waitFor();
    await composer.press('ArrowDown');
    await composer.press('ArrowUp');
    await composer.press('Enter');
    await expect(composer.inputValue()).resolves.toBe(`Thanks @${w.other.displayName} `);
    await composer.pressSequentially('for the map');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('status').getByText('Your post is published.').waitFor();
    const rows = await t.db.query(
      `SELECT m.user_id FROM post_mentions m JOIN posts p ON p.id = m.post_id WHERE p.body = $1`,
      [`Thanks @${w.other.displayName} for the map`],
    );
    expect(rows).toEqual([{ user_id: w.other.id }]);
  });

  it('joins a public sphere, finds a post by search, and renames themself', async () => {
    const me = await tab();
    const { page } = me;
    await openSignedIn(t, me, w.other, `/spheres/${w.open.id}`);
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.getByRole('status').getByText('You joined the sphere.').waitFor();
    const [membership] = await t.db.query(`SELECT status FROM memberships WHERE sphere_id = $1 AND user_id = $2`, [
      w.open.id,
      w.other.id,
    ]);
    expect(membership.status).toBe('active');

    await page.getByRole('link', { name: 'Search' }).click();
    await page.getByLabel('Words to find').fill('bold');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('article', { hasText: 'A post with bold text' }).waitFor();
    expect(page.url()).toContain('/search?q=bold');

    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByLabel('Display name').fill('Grace H.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Your profile is saved.').waitFor();
    const [user] = await t.db.query(`SELECT display_name FROM users WHERE id = $1`, [w.other.id]);
    expect(user.display_name).toBe('Grace H.');
    expect(me.problems).toEqual([]);
  });

  it('lays the feed out from 320 px without sideways scrolling (and pictures it for the README)', async () => {
    const folder = join(ROOT, 'docs', 'screenshots');
    mkdirSync(folder, { recursive: true });
    for (const width of [320, 360, 1280]) {
      const me = await tab(width);
      await openSignedIn(t, me, w.member, `/spheres/${w.lyon.id}`);
      await me.page.locator('article').first().waitFor();
      const overflow = await me.page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect([width, overflow]).toEqual([width, 0]);
      if (width !== 320) await me.page.screenshot({ path: join(folder, `feed-${width}.png`) });
      await me.close();
    }
  });

  it('after a lost connection, shows what was posted meanwhile in the banner (?since=), never moving the list', async () => {
    const me = await tab();
    const { page } = me;
    // the WebSocket passes through a route the test can cut, like a network that drops
    let cut = false;
    const open: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/socket\.io\//, (socket) => {
      if (cut) return void socket.close();
      open.push(socket, socket.connectToServer());
    });
    await openSignedIn(t, me, w.member, `/spheres/${w.lyon.id}`);
    await page.locator('article').first().waitFor();
    const before = await page.locator('article').count();
    await page.waitForFunction(() => performance.getEntriesByType('resource').length > 0);

    cut = true;
    await page.route(/\/socket\.io\//, (route) => route.abort()); // no long-polling fallback either
    await Promise.all(open.splice(0).map((socket) => socket.close()));
    const missed = await createPost(t, w.other, w.lyon.id, 'Posted while you were away');
    // the live event is gone (relayed while the socket was down) before the network comes back:
    // only the catch-up can show this post
    await relayed(missed.id);
    cut = false;
    await page.unroute(/\/socket\.io\//);

    const banner = page.getByRole('button', { name: '1 new posts: show them' });
    await banner.waitFor({ timeout: 20_000 });
    expect(await page.locator('article').count()).toBe(before);
    await banner.click();
    await page.locator('article', { hasText: 'Posted while you were away' }).waitFor();
  });
});

/** Waits until every outbox row about the post has been relayed (its live event emitted). */
async function relayedIn(t: TestApp, postId: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const [row] = await t.db.query(
      `SELECT count(*) FILTER (WHERE sent_at IS NULL)::int AS waiting, count(*)::int AS total
         FROM outbox WHERE payload::text LIKE '%' || $1 || '%'`,
      [postId],
    );
    if (row.total > 0 && row.waiting === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the events of post ${postId} were never relayed`);
}

describe('web client: a session longer than its access token', () => {
  let seeding: TestApp;
  let t: TestApp;
  let browser: Browser;
  let w: World;
  beforeAll(async () => {
    browser = await launchBrowser();
    // the world is built through a node with the usual token lifetime: on a busy machine, building it
    // outlasts a 3-second token; the browser then talks to a second api node of the same instance
    seeding = await startTestApp({ withWorker: true });
    w = await webWorld(seeding);
    t = await startTestApp({ sharing: seeding, env: { ACCESS_TOKEN_TTL_SECONDS: '3' } });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await seeding?.close();
  });

  it('refreshes the token and renews the socket: live posts still arrive and posting still works', async () => {
    const me = await openPage(browser, 'en');
    const { page } = me;
    await openSignedIn(t, me, w.member, `/spheres/${w.lyon.id}`);
    await page.locator('article').first().waitFor();
    // three lifetimes of the first token later
    await page.waitForTimeout(9_000);
    const other = await t.http.post('/api/v1/auth/login').send({ email: w.other.email, password: w.other.password });
    await t.http
      .post(`/api/v1/spheres/${w.lyon.id}/posts`)
      .set(as({ ...w.other, accessToken: other.body.accessToken }))
      .send({ body: 'Still live after the token expired' })
      .expect(201);
    await page.getByRole('button', { name: '1 new posts: show them' }).waitFor({ timeout: 15_000 });
    await page.getByLabel('Your message (Markdown)').fill('Still signed in');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('status').getByText('Your post is published.').waitFor();
    expect(me.problems).toEqual([]);
    await me.close();
  });
});
