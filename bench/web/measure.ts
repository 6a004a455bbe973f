import type { BrowserContext, Page } from 'playwright-core';

export interface PageLoad {
  /** Requests that went to the network (a WebSocket upgrade counts as one; cache hits do not). */
  requests: number;
  /** Bytes received: encoded bodies and headers, plus WebSocket frames. */
  kilobytes: number;
  /** Elements in the document once the page settled. */
  dom: number;
  /** Requests answered from the browser's cache (warm loads). */
  cached: number;
}

/**
 * Loads `url` in the page and counts what went over the wire through the DevTools protocol (Chromium
 * reports encoded sizes there, headers included), until `ready` holds and the network is idle.
 */
export async function measureLoad(
  context: BrowserContext,
  page: Page,
  url: string,
  ready: (page: Page) => Promise<unknown>,
): Promise<PageLoad> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const sent = new Set<string>();
  const fromCache = new Set<string>();
  let bytes = 0;
  cdp.on('Network.requestWillBeSent', ({ requestId, request }) => {
    if (!request.url.startsWith('data:')) sent.add(requestId);
  });
  cdp.on('Network.requestServedFromCache', ({ requestId }) => fromCache.add(requestId));
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    if (response.fromDiskCache || response.fromServiceWorker || response.fromPrefetchCache) fromCache.add(requestId);
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    if (!fromCache.has(requestId)) bytes += encodedDataLength;
  });
  let sockets = 0;
  cdp.on('Network.webSocketCreated', () => (sockets += 1));
  cdp.on('Network.webSocketFrameReceived', ({ response }) => (bytes += response.payloadData.length));

  await page.goto(url);
  await ready(page);
  await page.waitForLoadState('networkidle');
  const dom = await page.evaluate('document.getElementsByTagName("*").length');
  await cdp.detach();
  const network = [...sent].filter((id) => !fromCache.has(id)).length;
  return { requests: network + sockets, kilobytes: bytes / 1024, dom: Number(dom), cached: fromCache.size };
}
