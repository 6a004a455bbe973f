/** The service worker's cache of the feeds last read (src/service-worker.ts): same name there. */
export const FEED_CACHE = 'alveole-feeds';

/**
 * Deletes the feeds kept for reading offline, at sign-out: the cache is keyed by URL only and belongs
 * to the browser profile, so the next user would otherwise read them. From the page (CacheStorage is
 * shared with the worker) and through the worker too, in case a read is being kept right now.
 */
export async function clearFeedCache(): Promise<void> {
  if (typeof caches === 'undefined') return;
  navigator.serviceWorker?.controller?.postMessage({ type: 'clear-feeds' });
  await caches.delete(FEED_CACHE);
}

/**
 * Has this page controlled by the service worker, so that the feeds read here are kept. A worker
 * claims the pages open when it activates; a page whose navigation was under way at that moment
 * (the first sign-in: the worker installs meanwhile) or that loaded past the worker (a hard reload)
 * stays uncontrolled until its next navigation, so it asks.
 */
export async function askServiceWorkerControl(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const registration = await navigator.serviceWorker.ready;
  if (navigator.serviceWorker.controller === null) registration.active?.postMessage({ type: 'claim' });
}
