/**
 * Who is signed in. The access token lives in memory only; the refresh token (the API takes it in
 * the request body) is kept in localStorage so a reload or a new tab signs back in through
 * POST /auth/refresh, which rotates it (a reused one revokes its family).
 */
const REFRESH_KEY = 'alveole.refreshToken';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

export const session = $state<{ accessToken: string | null; ready: boolean }>({ accessToken: null, ready: false });

const signOutListeners: (() => void)[] = [];

/** Something to forget at sign-out (caches of what this user read). */
export function onSignOut(listener: () => void): void {
  signOutListeners.push(listener);
}

export function signedIn(tokens: Tokens): void {
  session.accessToken = tokens.accessToken;
  localStorage.setItem(REFRESH_KEY, tokens.refreshToken);
}

export function signedOut(): void {
  session.accessToken = null;
  localStorage.removeItem(REFRESH_KEY);
  for (const listener of signOutListeners) listener();
}

let refreshing: Promise<boolean> | null = null;

/**
 * New tokens from the stored refresh token. One at a time: two requests failing together with a 401
 * share one refresh (a second one would reuse a retired token and revoke the whole session).
 * Resolves false when signed out; a network failure keeps the session for the next attempt.
 */
export function refresh(): Promise<boolean> {
  refreshing ??= exchange().finally(() => (refreshing = null));
  return refreshing;
}

async function exchange(): Promise<boolean> {
  const refreshToken = localStorage.getItem(REFRESH_KEY);
  if (!refreshToken) return false;
  try {
    const response = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    if (response.ok) {
      signedIn((await response.json()) as Tokens);
      return true;
    }
    if (response.status === 401) signedOut();
    return false;
  } catch {
    return false; // offline: keep the refresh token for the next attempt
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
