import { clearFeedCache } from './offline/feed-cache';
import { clearWaiting } from './offline/outbox';

/**
 * Who is signed in. The access token lives in memory only; the refresh token (the API takes it in
 * the request body) is kept in localStorage so a reload or a new tab signs back in through
 * POST /auth/refresh, which rotates it (a reused one revokes its family).
 *
 * Offline at start-up, the refresh cannot happen: `session.offline` then says "signed in on this
 * profile, no token until the network returns", so the last feeds read stay readable (from the
 * service worker's cache) and new messages wait in the outbox; `restore()` runs again on `online`.
 */
const REFRESH_KEY = 'alveole.refreshToken';
/** Whose data this profile keeps (the token's subject): another user signing in clears it. */
const USER_KEY = 'alveole.user';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

export const session = $state<{ accessToken: string | null; offline: boolean; ready: boolean }>({
  accessToken: null,
  offline: false,
  ready: false,
});

export function signedIn(tokens: Tokens): void {
  const user = subjectOf(tokens.accessToken);
  const previous = localStorage.getItem(USER_KEY);
  if (previous && user !== previous) void forgetLocalData();
  if (user) localStorage.setItem(USER_KEY, user);
  session.accessToken = tokens.accessToken;
  session.offline = false;
  localStorage.setItem(REFRESH_KEY, tokens.refreshToken);
}

/** Signs out on this profile: the feeds kept for offline reading and the outbox are deleted too. */
export async function signedOut(): Promise<void> {
  session.accessToken = null;
  session.offline = false;
  localStorage.removeItem(REFRESH_KEY);
  localStorage.removeItem(USER_KEY);
  await forgetLocalData();
}

async function forgetLocalData(): Promise<void> {
  await Promise.all([clearFeedCache(), clearWaiting()]).catch(() => undefined);
}

let restoring: Promise<void> | undefined;

/**
 * Signs back in with the stored refresh token, if any (at start-up, and when the network returns
 * after an offline start). One at a time, across the tabs of this profile too (a Web Lock; every tab
 * sees the network return at once): the token rotates, and reusing one revokes its family, so each
 * reads the stored token only once the previous refresh has stored its successor.
 */
export function restore(): Promise<void> {
  restoring ??= (navigator.locks ? navigator.locks.request('alveole-refresh', refresh) : refresh()).finally(
    () => (restoring = undefined),
  );
  return restoring;
}

async function refresh(): Promise<void> {
  const refreshToken = localStorage.getItem(REFRESH_KEY);
  try {
    if (!refreshToken) return;
    const response = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    if (response.ok) signedIn((await response.json()) as Tokens);
    else await signedOut();
  } catch {
    // no network: still this profile's user, without a token until the next attempt
    session.offline = true;
  } finally {
    session.ready = true;
  }
}

export function storedRefreshToken(): string | null {
  return localStorage.getItem(REFRESH_KEY);
}

function subjectOf(token: string): string | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown };
    return typeof payload.sub === 'string' ? payload.sub : null;
  } catch {
    return null;
  }
}
