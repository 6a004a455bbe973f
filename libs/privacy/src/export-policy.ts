/** How many exports a person may ask for in 24 hours: building one reads everything they ever wrote. */
export const EXPORTS_PER_DAY = 3;
/** A download link's life: long enough to click it, short enough that a leaked one is worth little. */
export const LINK_TTL_SECONDS = 10 * 60;
/** A ready archive is removed (bytes and all) this long after it was built. */
export const KEEP_DAYS = 7;
/** An export still pending after this long lost its job: it is marked failed so its owner may ask again. */
export const STUCK_AFTER_HOURS = 24;

export const exportKey = (exportId: string) => `exports/${exportId}`;
