import { Browser, Page } from 'playwright-core';
import { createPost, setMembershipStatus } from '../factories/content';
import { createOrganisation, createSphere, instanceAdmin, putMember, registerUser } from '../factories/structure';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';
import { accessibilityViolations, BrowserPage, launchBrowser, openPage } from './browser';

/**
 * Offline (issue 10, done-when 4): the service worker keeps the shell and the feeds last read, a post
 * written without a network waits in the IndexedDB outbox, and is published once when it returns.
 * The network is cut with the browser context's offline mode, which Chromium applies to the page
 * and to its service worker alike (checked below: an uncached api request fails).
 */
describe('web client offline', () => {
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

  async function sphereWithMember(name: string) {
    const admin = await instanceAdmin(t);
    const org = await createOrganisation(t, admin);
    const sphere = await createSphere(t, admin, org.id, { visibility: 'private', name });
    const member = await registerUser(t.http);
    await putMember(t, admin, sphere.id, member.id, 'member');
    const earlier = await createPost(t, member, sphere.id, `Read before the network dropped in ${name}`);
    return { admin, sphere, member, earlier };
  }

  async function open(locale: 'en' | 'fr' = 'en', width = 1280): Promise<BrowserPage> {
    const tab = await openPage(browser, locale, width);
    tabs.push(tab);
    return tab;
  }

  async function signIn(page: Page, user: TestUser) {
    await page.goto(t.url);
    await page.locator('input[type=email]').fill(user.email);
    await page.locator('input[type=password]').fill(user.password);
    await page.locator('button[type=submit]').click();
    await page.locator('input[type=password]').waitFor({ state: 'detached' });
  }

  /** Reads the sphere's feed once the service worker controls the page: this read is kept. */
  async function readFeedWithWorker(page: Page, sphereId: string, text: string) {
    await page.goto(`${t.url}/spheres/${sphereId}`);
    // signed back in (the refresh token rotates: a reload during the refresh would reuse it)
    await page.locator('article', { hasText: text }).waitFor();
    await controlledByWorker(page);
    await page.reload();
    await page.locator('article', { hasText: text }).waitFor();
    expect(await keptFeeds(page)).toContain(`/api/v1/spheres/${sphereId}/posts`);
  }

  /** Waits until the service worker controls the page (it claims it, or the page asks: feed-cache.ts). */
  async function controlledByWorker(page: Page) {
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    // a function, not a string: past its first check, a string predicate is evaluated under the page's CSP
    await page.waitForFunction(() => {
      const { navigator } = globalThis as unknown as { navigator: { serviceWorker: { controller: unknown } } };
      return navigator.serviceWorker.controller !== null;
    });
  }

  /** Offline mode on, then a reload: the page and the feed come from the service worker's caches. */
  async function reloadOffline(page: Page, text: string) {
    await page.context().setOffline(true);
    await page.reload();
    await page.locator('article', { hasText: text }).waitFor();
    // the network is really cut for the worker too: an api answer it never keeps fails
    const instance = await page.evaluate(() =>
      fetch('/api/v1/instance').then(
        () => 'answered',
        () => 'failed',
      ),
    );
    expect(instance).toBe('failed');
  }

  /** The paths of the feed answers the service worker keeps (in the page: the test's tsconfig has no DOM). */
  function keptFeeds(page: Page): Promise<string[]> {
    return page.evaluate(
      `caches.open('alveole-feeds').then((cache) => cache.keys())
        .then((requests) => requests.map((request) => new URL(request.url).pathname))`,
    );
  }

  /** The messages waiting in the IndexedDB outbox. */
  function outbox(page: Page): Promise<{ key: string; kind: string; sphereId?: string; body: string }[]> {
    return page.evaluate(
      `new Promise((resolve, reject) => {
        const open = indexedDB.open('alveole-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('outbox').objectStore('outbox').getAll();
          all.onsuccess = () => resolve(all.result);
        };
      })`,
    );
  }

  /** Waits until `count` sign-outs wait to reach the api (the page has a CSP: no string evaluated). */
  async function pendingLogouts(page: Page, count: number) {
    await page.waitForFunction((expected) => {
      const storage = (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage;
      return (JSON.parse(storage.getItem('alveole.pendingLogouts') ?? '[]') as unknown[]).length === expected;
    }, count);
  }

  const composer = (page: Page) => page.locator('section[aria-labelledby="composer-title"]');

  async function writeOffline(page: Page, body: string) {
    await composer(page).locator('textarea').fill(body);
    await composer(page).locator('button[type=submit]').click();
    await composer(page).locator('.waiting li', { hasText: body }).waitFor();
  }

  async function postsWithBody(body: string): Promise<number> {
    const rows = await t.db.query(`SELECT count(*)::int AS n FROM posts WHERE body = $1`, [body]);
    return rows[0].n;
  }

  it('shows the last feed read offline, queues a post, and publishes it exactly once when the network returns', async () => {
    const { sphere, member, earlier } = await sphereWithMember('Grenoble');
    const tab = await open('en');
    const { page } = tab;
    const posts: { key: string | undefined }[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith(`/api/v1/spheres/${sphere.id}/posts`)) {
        posts.push({ key: request.headers()['idempotency-key'] });
      }
    });
    await signIn(page, member);
    await readFeedWithWorker(page, sphere.id, earlier.body);

    await reloadOffline(page, earlier.body);
    await page.getByRole('status').getByText('You are offline. The feeds you last read are shown.').waitFor();

    const body = 'Written on the train, without a network';
    await writeOffline(page, body);
    await composer(page).getByRole('heading', { name: 'Waiting to be sent (1)' }).waitFor();
    await page.getByRole('status').getByText('You are offline — 1 messages waiting').waitFor();
    await composer(page).getByRole('status').getByText('You are offline: your message waits here').waitFor();
    expect(posts).toEqual([]); // nothing was even tried while offline
    expect(await postsWithBody(body)).toBe(0);
    const queued = await outbox(page);
    expect(queued.map((message) => [message.sphereId, message.body])).toEqual([[sphere.id, body]]);

    await page.context().setOffline(false);
    await page.locator('article', { hasText: body }).waitFor();
    await composer(page).locator('.waiting').waitFor({ state: 'detached' });
    await page.locator('.offline-banner p').waitFor({ state: 'detached' });
    await composer(page).getByText('your message waits here').waitFor({ state: 'detached' });
    expect(await postsWithBody(body)).toBe(1);
    expect(posts).toEqual([{ key: queued[0].key }]); // sent once, with the key it was written with

    // a reload online: the post is in the feed once, and the outbox is empty
    await page.reload();
    await page.locator('article', { hasText: body }).waitFor();
    expect(await page.locator('article', { hasText: body }).count()).toBe(1);
    expect(await composer(page).locator('.waiting').count()).toBe(0);
    expect(await postsWithBody(body)).toBe(1);
    expect(tab.problems).toEqual([]);
  });

  it('sends a waiting post once when the network returns to two tabs of the profile, both staying signed in', async () => {
    const { sphere, member, earlier } = await sphereWithMember('Vienne');
    const { page } = await open('en');
    await signIn(page, member);
    await readFeedWithWorker(page, sphere.id, earlier.body);
    const second = await page.context().newPage();
    const sent: string[] = [];
    for (const tab of [page, second]) {
      tab.on('request', (request) => {
        if (request.method() === 'POST' && request.url().endsWith(`/spheres/${sphere.id}/posts`)) sent.push('post');
      });
    }
    await second.goto(`${t.url}/spheres/${sphere.id}`);
    await second.locator('article', { hasText: earlier.body }).waitFor();
    await page.reload(); // the first tab reads the refresh token its neighbour stored
    await page.locator('article', { hasText: earlier.body }).waitFor();

    // both tabs restart offline: without a token, each signs in again when the network returns
    await reloadOffline(page, earlier.body);
    await second.reload();
    await second.locator('article', { hasText: earlier.body }).waitFor();
    const body = 'One post, two tabs';
    await writeOffline(page, body);

    await page.context().setOffline(false);
    // whichever tab takes the outbox first sends it; the other finds it empty
    await composer(page).locator('.waiting').waitFor({ state: 'detached' });
    for (const tab of [page, second]) {
      await tab.reload();
      await tab.locator('article', { hasText: body }).waitFor(); // still signed in: no family revoked
    }
    expect(await postsWithBody(body)).toBe(1);
    expect(sent).toEqual(['post']);
  });

  it('queues a comment written offline and publishes it once when the network returns', async () => {
    const { sphere, member, earlier } = await sphereWithMember('Die');
    const { page, problems } = await open('en');
    await signIn(page, member);
    await readFeedWithWorker(page, sphere.id, earlier.body);
    await reloadOffline(page, earlier.body);
    const post = page.locator('article', { hasText: earlier.body });
    await post.getByText('Comments (0)').click();
    const body = 'A comment from the mountains';
    await post.getByLabel('Your comment').fill(body);
    await post.getByRole('button', { name: 'Comment' }).click();
    await post.getByText('Waiting to be sent (1)').waitFor();
    await page.getByRole('status').getByText('You are offline — 1 messages waiting').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect((await outbox(page)).map((message) => [message.kind, message.body])).toEqual([['comment', body]]);

    await page.context().setOffline(false);
    await post.locator('li', { hasText: body }).waitFor();
    await post.getByText('Comments (1)').waitFor();
    await post.getByText('Waiting to be sent').waitFor({ state: 'detached' });
    const rows = await t.db.query(`SELECT count(*)::int AS n FROM comments WHERE post_id = $1 AND body = $2`, [
      earlier.id,
      body,
    ]);
    expect(rows[0].n).toBe(1);
    expect(await outbox(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('queues a post whose request finds no network while the browser believes it is online, and sends it at the next start', async () => {
    const { sphere, member, earlier } = await sphereWithMember('Gap');
    // no service worker here: Playwright's routing sees the page's own requests only
    const context = await browser.newContext({ locale: 'en', serviceWorkers: 'block' });
    const page = await context.newPage();
    tabs.push({ page, problems: [], close: () => context.close() });
    await signIn(page, member);
    await page.goto(`${t.url}/spheres/${sphere.id}`);
    await page.locator('article', { hasText: earlier.body }).waitFor();
    const route = `**/api/v1/spheres/${sphere.id}/posts`;
    await page.route(route, (request) =>
      request.request().method() === 'POST' ? request.abort('internetdisconnected') : request.continue(),
    );
    const body = 'Sent into a dead network';
    await writeOffline(page, body);
    expect(await page.evaluate('navigator.onLine')).toBe(true);
    expect(await page.locator('.offline-banner p').count()).toBe(0); // the browser does not know
    expect(await postsWithBody(body)).toBe(0);

    await page.unroute(route);
    await page.reload();
    await page.locator('article', { hasText: body }).waitFor();
    await composer(page).locator('.waiting').waitFor({ state: 'detached' });
    expect(await postsWithBody(body)).toBe(1);
  });

  it('keeps the home feed per URL and what draws it (me), and no other api answer', async () => {
    const { sphere, member, earlier } = await sphereWithMember('Valence');
    const { page, problems } = await open('en');
    await signIn(page, member);
    await readFeedWithWorker(page, sphere.id, earlier.body);
    const read = (path: string) =>
      page.evaluate(
        `fetch(${JSON.stringify(path)}, { headers: { authorization: 'Bearer ${member.accessToken}' } })
          .then((response) => response.json().then((body) => [response.status, body]), () => 'failed')`,
      );
    const online = (await read('/api/v1/feed')) as [number, { items: { body: string }[] }];
    expect(online[0]).toBe(200);
    expect(online[1].items.map((post) => post.body)).toContain(earlier.body);
    const me = (await read('/api/v1/me')) as [number, unknown];
    expect(me[0]).toBe(200);
    expect(((await read('/api/v1/search?q=anything')) as [number])[0]).toBe(200);

    await page.context().setOffline(true);
    expect(await read('/api/v1/feed')).toEqual(online);
    expect(await read('/api/v1/feed?since=2020-01-01T00:00:00Z')).toBe('failed'); // another URL: never read
    expect(await read('/api/v1/me')).toEqual(me);
    expect(await read('/api/v1/search?q=anything')).toBe('failed');

    // the home page offline: still signed in on this profile, the offline banner, no script error
    await page.goto(t.url);
    await page.getByRole('heading', { name: 'My organisations and spheres' }).waitFor();
    await page.getByRole('status').getByText('You are offline. The feeds you last read are shown.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems.filter((problem) => !problem.includes('net::ERR_INTERNET_DISCONNECTED'))).toEqual([]);
    await page.context().setOffline(false);
  });

  it('takes a page loaded past the worker (a hard reload) under its control: the feeds read there are kept', async () => {
    const { sphere, member, earlier } = await sphereWithMember('Chambéry');
    const { page } = await open('en');
    await signIn(page, member);
    await readFeedWithWorker(page, sphere.id, earlier.body);
    await page.evaluate(`caches.delete('alveole-feeds')`);

    // a reload bypassing the caches skips the service worker too: the new page starts uncontrolled
    const devtools = await page.context().newCDPSession(page);
    await devtools.send('Page.reload', { ignoreCache: true });
    await page.locator('article', { hasText: earlier.body }).waitFor();
    await controlledByWorker(page);
    await page.evaluate(
      `fetch('/api/v1/spheres/${sphere.id}/posts', { headers: { authorization: 'Bearer ${member.accessToken}' } })`,
    );
    expect(await keptFeeds(page)).toContain(`/api/v1/spheres/${sphere.id}/posts`);
  });

  it('drops a waiting post the api refuses and shows the problem, with the text', async () => {
    const { sphere, member, earlier } = await sphereWithMember('Annecy');
    const { page } = await open('en');
    await signIn(page, member);
    await readFeedWithWorker(page, sphere.id, earlier.body);
    await reloadOffline(page, earlier.body);
    const body = 'Written offline, refused later';
    await writeOffline(page, body);
    await setMembershipStatus(t, sphere.id, member.id, 'banned');

    await page.context().setOffline(false);
    const alert = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Not sent' }) });
    await alert.getByText(body).waitFor();
    await composer(page).locator('.waiting').waitFor({ state: 'detached' });
    expect(await postsWithBody(body)).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await alert.waitFor({ state: 'detached' });
  });

  it('clears the kept feeds and the outbox at sign-out: the next user of the profile sees neither', async () => {
    const { sphere, member, earlier } = await sphereWithMember('Chambery');
    const tab = await open('en');
    const { page } = tab;
    await signIn(page, member);
    await readFeedWithWorker(page, sphere.id, earlier.body);
    await reloadOffline(page, earlier.body);
    await writeOffline(page, 'Never sent: its author signed out');

    await page.getByRole('button', { name: 'Sign out' }).click(); // still offline
    await page.context().setOffline(false);
    await page.locator('input[type=email]').waitFor();
    const left = { feeds: (await keptFeeds(page)).length, outbox: (await outbox(page)).length };
    expect(left).toEqual({ feeds: 0, outbox: 0 });

    // someone else signs in on the same profile, then loses the network on that sphere's address
    const next = await registerUser(t.http);
    await signIn(page, next);
    await page.goto(`${t.url}/spheres/${sphere.id}`);
    await page.getByRole('button', { name: 'Sign out' }).waitFor(); // signed back in before the reload
    await page.context().setOffline(true);
    await page.reload();
    await page.getByText('You are offline, and this feed was not read on this device before.').waitFor();
    expect(await page.getByText(earlier.body).count()).toBe(0);
    await page.context().setOffline(false);
    expect(await postsWithBody('Never sent: its author signed out')).toBe(0);
    // (the browser itself logs the live connection's failed reconnects while offline: not a problem)
    expect(tab.problems.filter((problem) => !problem.includes('net::ERR_INTERNET_DISCONNECTED'))).toEqual([]);
  });

  it('keeps a sign-out made offline: a refresh answered meanwhile is dropped, and the api ends the login later', async () => {
    const { sphere, member, earlier } = await sphereWithMember('Valence');
    const { page } = await open('en');
    await signIn(page, member);
    await readFeedWithWorker(page, sphere.id, earlier.body);
    await reloadOffline(page, earlier.body);
    const signedOutToken = (await page.evaluate(`localStorage.getItem('alveole.refreshToken')`)) as string;

    // the network returns: the page refreshes its login, and its answer is held until the sign-out is done
    let refreshReachedApi!: () => void;
    const refreshed = new Promise<void>((resolve) => (refreshReachedApi = resolve));
    let releaseRefresh!: () => void;
    const released = new Promise<void>((resolve) => (releaseRefresh = resolve));
    await page.route('**/api/v1/auth/refresh', async (route) => {
      const response = await route.fetch();
      refreshReachedApi();
      await released;
      await route.fulfill({ response });
    });
    await page.route('**/api/v1/auth/logout', (route) => route.abort('internetdisconnected')); // still cut
    await page.context().setOffline(false);
    await refreshed;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('input[type=email]').waitFor();
    releaseRefresh();
    await pendingLogouts(page, 2);
    await page.unrouteAll();

    // the next start signs nobody in, and tells the api: both the token signed out and the one answered late end
    await page.reload();
    await page.locator('input[type=email]').waitFor();
    await pendingLogouts(page, 0);
    expect(await page.evaluate(`localStorage.getItem('alveole.refreshToken')`)).toBeNull();
    const family = await t.db.query(
      `SELECT count(*)::int AS tokens, count(*) FILTER (WHERE revoked_at IS NULL)::int AS live FROM refresh_tokens
        WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex'))`,
      [signedOutToken],
    );
    expect(family[0]).toEqual({ tokens: expect.any(Number), live: 0 });
    expect(family[0].tokens).toBeGreaterThan(1); // the late answer's token is in it
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: signedOutToken }).expect(401);
  });

  for (const locale of ['en', 'fr'] as const) {
    for (const width of [360, 1280]) {
      it(`has no WCAG A/AA violation offline with a waiting post (${locale}, ${width} px)`, async () => {
        const { sphere, member, earlier } = await sphereWithMember(`Offline ${locale} ${width}`);
        const { page } = await open(locale, width);
        await signIn(page, member);
        await readFeedWithWorker(page, sphere.id, earlier.body);
        await reloadOffline(page, earlier.body);
        await writeOffline(page, `Waiting post ${locale} ${width}`);
        await page.locator('.offline-banner p').waitFor();
        expect(await accessibilityViolations(page)).toEqual([]);
        await page.context().setOffline(false);
        await composer(page).locator('.waiting').waitFor({ state: 'detached' });
      });
    }
  }
});
