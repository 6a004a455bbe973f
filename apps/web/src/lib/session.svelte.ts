import { clearFeedCache } from './offline/feed-cache';
import { clearWaiting } from './offline/outbox';
import { tokenClaims } from './token-claims';

/**
 * Who is signed in. The access token lives in memory only; the refresh token (the API takes it in
 * the request body) is kept in localStorage so a reload or a new tab signs back in through
 * POST /auth/refresh, which rotates it (a reused one revokes its family).
 *
 * Offline at start-up, the refresh cannot happen: `session.offline` then says "signed in on this
 * profile, no token until the network returns", so the last feeds read stay readable (from the
 * service worker's cache) and new messages wait in the outbox; the refresh runs again on `online`.
 */
const REFRESH_KEY = 'alveole.refreshToken';
/** Whose data this profile keeps (the token's subject): another user signing in clears it. */
const USER_KEY = 'alveole.user';
/** Refresh tokens of logins ended offline, for the api to revoke when the network returns. */
const PENDING_LOGOUTS_KEY = 'alveole.pendingLogouts';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

export const session = $state<{ accessToken: string | null; offline: boolean; ready: boolean }>({
  accessToken: null,
  offline: false,
  ready: false,
});

const signOutListeners: (() => void)[] = [];

/** Something to forget at sign-out (caches of what this user read). */
export function onSignOut(listener: () => void): void {
  signOutListeners.push(listener);
}

export function signedIn(tokens: Tokens): void {
  const user = subjectOf(tokens.accessToken);
  const previous = localStorage.getItem(USER_KEY);
  if (previous && user !== previous) void forgetLocalData();
  if (user) localStorage.setItem(USER_KEY, user);
  session.accessToken = tokens.accessToken;
  session.offline = false;
  localStorage.setItem(REFRESH_KEY, tokens.refreshToken);
}

/**
 * Signs out here at once (so a refresh racing this one discards its answer), then ends the login on
 * the api; offline, that waits for the network (`sendPendingLogouts`).
 */
export async function signOut(): Promise<void> {
  const refreshToken = storedRefreshToken();
  await signedOut();
  if (refreshToken) await endLogin(refreshToken);
}

/** Logins ended here while the api could not be told: it is, once the network returns. */
export async function sendPendingLogouts(): Promise<void> {
  const pending = pendingLogouts();
  if (pending.length === 0) return;
  const sent = await Promise.all(pending.map((token) => sendLogout(token)));
  keepPendingLogouts(pendingLogouts().filter((token) => !sent[pending.indexOf(token)]));
}

async function endLogin(refreshToken: string): Promise<void> {
  if (!(await sendLogout(refreshToken))) keepPendingLogouts([...pendingLogouts(), refreshToken]);
}

/** True once the api has answered (a 4xx too: nothing left to end). */
async function sendLogout(refreshToken: string): Promise<boolean> {
  try {
    const response = await fetch('/api/v1/auth/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    return response.status < 500;
  } catch {
    return false;
  }
}

function pendingLogouts(): string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(PENDING_LOGOUTS_KEY) ?? '[]');
    return Array.isArray(stored) ? stored.filter((token): token is string => typeof token === 'string') : [];
  } catch {
    return [];
  }
}

function keepPendingLogouts(tokens: string[]): void {
  // a handful at most: each is one sign-out made offline
  if (tokens.length === 0) localStorage.removeItem(PENDING_LOGOUTS_KEY);
  else localStorage.setItem(PENDING_LOGOUTS_KEY, JSON.stringify(tokens.slice(-20)));
}

/** Signs out on this profile: the feeds kept for offline reading and the outbox are deleted too. */
export async function signedOut(): Promise<void> {
  session.accessToken = null;
  session.offline = false;
  localStorage.removeItem(REFRESH_KEY);
  localStorage.removeItem(USER_KEY);
  for (const listener of signOutListeners) listener();
  await forgetLocalData();
}

async function forgetLocalData(): Promise<void> {
  await Promise.all([clearFeedCache(), clearWaiting()]).catch(() => undefined);
}

let refreshing: Promise<boolean> | null = null;

/**
 * New tokens from the stored refresh token. One at a time, across the tabs of this profile too (a
 * Web Lock): the token rotates and a reused one revokes its family, so each refresh reads the stored
 * token only once the previous one has stored its successor. Resolves false when signed out; a
 * network failure keeps the session (offline) for the next attempt.
 */
export function refresh(): Promise<boolean> {
  refreshing ??= (navigator.locks ? navigator.locks.request('alveole-refresh', exchange) : exchange()).finally(
    () => (refreshing = null),
  );
  return refreshing;
}

async function exchange(): Promise<boolean> {
  const refreshToken = localStorage.getItem(REFRESH_KEY);
  if (!refreshToken) return false;
  const userBefore = localStorage.getItem(USER_KEY); // null on a first visit with a stored token
  try {
    const response = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    if (response.ok) {
      const tokens = (await response.json()) as Tokens;
      if (!localStorage.getItem(REFRESH_KEY) || localStorage.getItem(USER_KEY) !== userBefore) {
        // signed out (or someone else signed in) while this exchange was on its way: its login ends here
        await endLogin(tokens.refreshToken);
        return false;
      }
      // A token replaced by another tab is no sign-out: another tab's write reaches this tab's
      // localStorage some time after the lock is free, so both exchanged the same token, and the api
      // answered each with a branch of the login. Either branch carries on.
      signedIn(tokens);
      return true;
    }
    if (response.status === 401) await signedOut();
    return false;
  } catch {
    // no network: still this profile's user, without a token until the next attempt
    if (!session.accessToken) session.offline = true;
    return false;
  }
}

/** Signs back in with the stored refresh token, if any (once at start-up). */
export async function restore(): Promise<void> {
  try {
    await refresh();
  } finally {
    session.ready = true;
  }
}

export function storedRefreshToken(): string | null {
  return localStorage.getItem(REFRESH_KEY);
}

function subjectOf(token: string): string | null {
  const sub = tokenClaims(token)?.sub;
  return typeof sub === 'string' ? sub : null;
}
