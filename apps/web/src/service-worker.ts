/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The service worker: the app shell and the feeds last read stay readable without a network.
 * - Shell: the hashed build files (cache first: they never change), the page itself (network first,
 *   the cached copy when offline; the api answers the same index.html for every client path).
 * - Feeds: GET /api/v1/spheres/:id/posts and /api/v1/feed, with what the pages need to draw them
 *   (GET /api/v1/me: my spheres and roles; GET /api/v1/spheres/:id: the sphere's name), network
 *   first, the last answer per URL when offline. No other /api answer is ever cached. The cache key is the URL only (the
 *   Authorization header is not part of it): the cache belongs to the browser profile, so the page
 *   deletes it at sign-out (`clearFeedCache` in $lib/offline/feed-cache.ts), and another user of
 *   the same profile never reads the previous one's feeds.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const SHELL_CACHE = `alveole-shell-${version}`;
/** Same name in $lib/offline/feed-cache.ts, which deletes it at sign-out. */
const FEED_CACHE = 'alveole-feeds';
const SHELL_PAGE = '/';
const FEED_PATH = /^\/api\/v1\/(me|feed|spheres\/[^/]+(\/posts)?)$/;
const SERVER_PATHS = /^\/(api|socket\.io|health|metrics)(\/|$)/;
const shellFiles = new Set([...build, ...files]);

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      await cache.addAll([...shellFiles]);
      // the page, and what it loads that the build list does not know (scripts/web-boot.mjs moves
      // SvelteKit's inline bootstrap into a hashed file after the build)
      const page = await fetch(SHELL_PAGE, { cache: 'no-cache' });
      if (!page.ok) throw new Error(`the shell page answered ${page.status}`);
      const html = await page.clone().text();
      await cache.put(SHELL_PAGE, page);
      const referenced = [...html.matchAll(/(?:src|href)="(\/_app\/[^"]+)"/g)].map((match) => match[1]);
      await cache.addAll(referenced.filter((path) => !shellFiles.has(path)));
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('alveole-shell-') && name !== SHELL_CACHE) await caches.delete(name);
      }
      // the page that registered the worker goes through it from now on: its next feed reads are kept
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('message', (event) => {
  const type = (event.data as { type?: string } | null)?.type;
  if (type === 'clear-feeds') event.waitUntil(caches.delete(FEED_CACHE));
  // a page that loaded while this worker was activating (or past it: a hard reload) asks to be controlled
  if (type === 'claim') event.waitUntil(sw.clients.claim());
});

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  if (FEED_PATH.test(url.pathname)) return event.respondWith(networkFirst(request, FEED_CACHE, url.href));
  if (SERVER_PATHS.test(url.pathname)) return; // never cached: the network only
  if (request.mode === 'navigate') return event.respondWith(networkFirst(request, SHELL_CACHE, SHELL_PAGE));
  if (shellFiles.has(url.pathname) || url.pathname.startsWith('/_app/immutable/')) {
    event.respondWith(cacheFirst(request));
  }
});

/** The network's answer (kept under `key` when it is a success), else the last one kept. */
async function networkFirst(request: Request, cacheName: string, key: string): Promise<Response> {
  try {
    const response = await fetch(request);
    // kept before answering: a sign-out right after this read deletes it too
    if (response.ok) await (await caches.open(cacheName)).put(key, response.clone());
    return response;
  } catch (error) {
    const cached = await caches.match(key, { cacheName, ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(request, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && new URL(request.url).pathname.startsWith('/_app/immutable/')) {
    void cache.put(request, response.clone());
  }
  return response;
}

/** A push from the api (`{ title, url }`): shown as a system notification; its click opens `url`. */
sw.addEventListener('push', (event) => {
  let message: { title?: unknown; url?: unknown; body?: unknown } = {};
  try {
    message = (event.data?.json() ?? {}) as typeof message;
  } catch {
    // not JSON: the text is the title
    message = { title: event.data?.text() };
  }
  const title = typeof message.title === 'string' && message.title ? message.title : 'Alveole';
  const url = typeof message.url === 'string' ? message.url : '/notifications';
  const body = typeof message.body === 'string' ? message.body : undefined;
  event.waitUntil(sw.registration.showNotification(title, { body, data: { url } }));
});

sw.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL((event.notification.data as { url?: string } | null)?.url ?? '/', sw.location.origin);
  // only our own pages: a push never sends the reader elsewhere
  const url = target.origin === sw.location.origin ? target.href : sw.location.origin;
  event.waitUntil(
    (async () => {
      const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((client) => client.url === url);
      if (open) return void (await open.focus());
      await sw.clients.openWindow(url);
    })(),
  );
});
