/** One spelling per mailbox: trimmed, lower-cased (Unicode NFC). */
export function normaliseEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}
