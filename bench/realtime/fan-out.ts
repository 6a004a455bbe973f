import { performance } from 'node:perf_hooks';
import { ClientPool, Delivery, PostPayload } from './clients';

/*
 * One measured series of bench:realtime: posts sent one after the other, each timed from just before
 * its POST leaves to the moment the last subscribed client got it.
 */

export interface PostSeries {
  /** ms from the POST to the last client's delivery, one per complete post. */
  lastDelivery: number[];
  /** ms from the POST to the first client's delivery. */
  firstDelivery: number[];
  /** Posts refused, or not delivered to every client once and only once. */
  failed: number;
  firstFailure: string | null;
  payload: PostPayload | null;
}

export interface SeriesOptions {
  postUrl: string;
  sphereId: string;
  token: string;
  pool: ClientPool;
  posts: number;
  /** Distinguishes bodies across sides and rounds; padded, so every body has the same length. */
  tag: string;
  gapMs: number;
  timeoutMs?: number;
}

export function postBody(tag: string, index: number): string {
  const nonce = `${tag}-${String(index).padStart(4, '0')}`.padEnd(28, '.');
  return `**Réunion de secteur** ${nonce}\nOrdre du jour : bilan du mois, _prochaines actions_, questions diverses.`;
}

export async function sendPosts(options: SeriesOptions): Promise<PostSeries> {
  const series: PostSeries = { lastDelivery: [], firstDelivery: [], failed: 0, firstFailure: null, payload: null };
  const fail = (reason: string) => {
    series.failed++;
    series.firstFailure ??= reason;
  };
  for (let i = 0; i < options.posts; i++) {
    const body = postBody(options.tag, i);
    const delivered = options.pool.tracker.expect(body, options.timeoutMs ?? 15_000);
    const sentAt = performance.now();
    const [status, delivery] = await Promise.all([post(options, body), delivered]);
    if (status !== 201) fail(`POST answered ${status}`);
    else if (!complete(delivery)) fail(`delivered to ${delivery.received} clients, ${delivery.duplicates} twice`);
    else {
      series.lastDelivery.push(delivery.lastAt - sentAt);
      series.firstDelivery.push(delivery.firstAt - sentAt);
      series.payload ??= delivery.payload;
    }
    await sleep(options.gapMs);
  }
  return series;
}

function complete(delivery: Delivery): delivery is Delivery & { firstAt: number; lastAt: number } {
  return delivery.lastAt !== null && delivery.firstAt !== null && delivery.duplicates === 0;
}

async function post(options: SeriesOptions, body: string): Promise<number | string> {
  try {
    const response = await fetch(`${options.postUrl}/api/v1/spheres/${options.sphereId}/posts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
      body: JSON.stringify({ body }),
    });
    const text = await response.text();
    return response.status === 201 ? 201 : `${response.status} ${text.slice(0, 300)}`;
  } catch (error) {
    return (error as Error).message;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The payload's structure (keys and value types, recursively), to check both sides broadcast alike. */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? 'array' : [shapeOf(value[0])];
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
  return Object.fromEntries(entries.map(([key, inner]) => [key, shapeOf(inner)]));
}
