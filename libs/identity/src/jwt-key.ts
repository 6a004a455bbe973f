import { createSecretKey, KeyObject } from 'node:crypto';

const keys = new Map<string, KeyObject>();

/**
 * The HS256 key as a KeyObject. Handed a string, jsonwebtoken first tries (and fails) to parse
 * it as a public key, then builds a KeyObject, on every call: that was ~40% of the CPU of an
 * authenticated request. The libraries accept a KeyObject at run time though their types say string.
 */
export function jwtKey(secret: string): string {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret));
    keys.set(secret, key);
  }
  return key as unknown as string;
}
