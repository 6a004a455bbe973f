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

export function signedIn(tokens: Tokens): void {
  session.accessToken = tokens.accessToken;
  localStorage.setItem(REFRESH_KEY, tokens.refreshToken);
}

export function signedOut(): void {
  session.accessToken = null;
  localStorage.removeItem(REFRESH_KEY);
}

/** Signs back in with the stored refresh token, if any (once at start-up). */
export async function restore(): Promise<void> {
  const refreshToken = localStorage.getItem(REFRESH_KEY);
  try {
    if (!refreshToken) return;
    const response = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    if (response.ok) signedIn((await response.json()) as Tokens);
    else signedOut();
  } catch {
    // offline: stay signed out until the next attempt
  } finally {
    session.ready = true;
  }
}

export function storedRefreshToken(): string | null {
  return localStorage.getItem(REFRESH_KEY);
}
