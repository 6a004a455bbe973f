/** `documents/<uuid>` (one per stored version) and `exports/<uuid>` (a data export's ZIP): the only keys Alveole makes. */
const STORAGE_KEY = /^(documents|exports)\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class InvalidStorageKey extends Error {
  constructor(readonly key: string) {
    super(`not a storage key: ${JSON.stringify(key.slice(0, 100))}`);
  }
}

/**
 * Keys never come from users, but a bug that let one through would otherwise reach outside the
 * files directory (`../`) or the two prefixes: refuse anything but the exact shape.
 */
export function assertStorageKey(key: string): void {
  if (!STORAGE_KEY.test(key)) throw new InvalidStorageKey(key);
}
