/**
 * The claims of an access token, read without checking it (the api checks it; the client only needs
 * whose it is and when it expires). Null when it cannot be read.
 */
export function tokenClaims(token: string): { sub?: unknown; exp?: unknown } | null {
  try {
    return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as {
      sub?: unknown;
      exp?: unknown;
    };
  } catch {
    return null;
  }
}
