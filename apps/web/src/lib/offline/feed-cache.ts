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
