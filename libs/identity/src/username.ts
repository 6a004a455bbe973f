/** A sign-in name for members without e-mail: lower-case letters, digits, `.`, `_`, `-`; 3 to 30 long. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,29}$/;

/** One spelling per name: trimmed, lower-cased (the database's CHECK holds the format). */
export function normaliseUsername(username: string): string {
  return username.normalize('NFC').trim().toLowerCase();
}
