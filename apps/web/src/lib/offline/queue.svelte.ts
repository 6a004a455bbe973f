/**
 * What the UI knows of the network and of the outbox: `offline.online` follows the browser's
 * online/offline events, `offline.waiting` lists the messages kept in IndexedDB ($lib/offline/outbox),
 * and `sendWaiting()` sends each of them once, with its own Idempotency-Key, when the connection is
 * back (the layout calls it on the `online` event and at start-up once signed in).
 *
 * A message leaves the outbox on a 2xx (it is published) or on a 4xx problem (it never will be: the
 * problem is shown in `offline.failed`, with the text, so nothing is lost silently). It stays on a
 * network error, a 401 (signed in again first), a 408, a 429 or a 5xx, for the next attempt.
 */
import { api, problemOf } from '$lib/api/client';
import type { components } from '$lib/api/schema';
import { m } from '$lib/paraglide/messages';
import { allWaiting, clearWaiting, putWaiting, removeWaiting, type Waiting } from './outbox';

type Post = components['schemas']['PostResponse'];
type Comment = components['schemas']['CommentResponse'];

export interface NotSent {
  message: Waiting;
  detail: string;
}

export const offline = $state<{ online: boolean; waiting: Waiting[]; failed: NotSent[] }>({
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  waiting: [],
  failed: [],
});

type SentListener = (sent: { post: Post } | { postId: string; comment: Comment }) => void;
const listeners = new Set<SentListener>();

/** Called with each waiting message once it is published (the feed or the comments show it). */
export function onSent(listener: SentListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True when a failed request means "no network" (fetch rejects with a TypeError), not a refusal. */
export function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError;
}

export async function loadWaiting(): Promise<void> {
  offline.waiting = await allWaiting();
}

/** Keeps a message for later (written offline, or its request found no network). */
export async function keepForLater(message: Waiting): Promise<void> {
  await putWaiting(message);
  await loadWaiting();
}

let sending: Promise<void> | undefined;

/**
 * Sends every waiting message once, oldest first; one run at a time in this tab, and across the tabs
 * of this profile (a Web Lock where there is one; else two tabs may both send a message, and its
 * Idempotency-Key still makes it one post).
 */
export function sendWaiting(): Promise<void> {
  sending ??= (navigator.locks ? navigator.locks.request('alveole-outbox', sendAll) : sendAll()).finally(
    () => (sending = undefined),
  );
  return sending;
}

async function sendAll(): Promise<void> {
  for (const message of await allWaiting()) {
    let outcome: { data?: unknown; error?: unknown; response: Response };
    try {
      outcome = await send(message);
    } catch (error) {
      if (isNetworkError(error)) break; // still no network: everything stays for the next attempt
      throw error;
    }
    const status = outcome.response.status;
    if (outcome.data) {
      await removeWaiting(message.key);
      for (const listener of listeners) {
        listener(
          message.kind === 'post'
            ? { post: outcome.data as Post }
            : { postId: message.postId, comment: outcome.data as Comment },
        );
      }
    } else if (status >= 400 && status < 500 && ![401, 408, 429].includes(status)) {
      await removeWaiting(message.key);
      offline.failed = [
        ...offline.failed,
        { message, detail: problemOf(outcome.error)?.detail ?? problemOf(outcome.error)?.title ?? m.error_generic() },
      ];
    } else {
      break; // the server cannot take it now: keep it, and the ones after it, in order
    }
  }
  await loadWaiting();
}

function send(message: Waiting) {
  const headers = { 'Idempotency-Key': message.key };
  return message.kind === 'post'
    ? api.POST('/api/v1/spheres/{sphereId}/posts', {
        params: { path: { sphereId: message.sphereId } },
        headers,
        body: message.attachmentIds?.length
          ? { body: message.body, attachmentIds: message.attachmentIds }
          : { body: message.body },
      })
    : api.POST('/api/v1/posts/{postId}/comments', {
        params: { path: { postId: message.postId } },
        headers,
        body: message.parentId ? { body: message.body, parentId: message.parentId } : { body: message.body },
      });
}

/** At sign-out: the waiting messages were the previous user's. */
export async function forgetWaiting(): Promise<void> {
  await clearWaiting();
  offline.waiting = [];
  offline.failed = [];
}

/** Follows the browser's connection state; `back` runs each time it returns. Returns a stop. */
export function watchNetwork(back: () => void): () => void {
  const update = () => {
    offline.online = navigator.onLine;
    if (offline.online) back();
  };
  addEventListener('online', update);
  addEventListener('offline', update);
  return () => {
    removeEventListener('online', update);
    removeEventListener('offline', update);
  };
}
