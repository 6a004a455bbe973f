import { types } from 'pg';

const TIMESTAMPTZ = 1184;
const parseTimestamptz = types.getTypeParser(TIMESTAMPTZ, 'text') as (text: string) => Date | number;

/**
 * A timestamptz as the JSON of an answer shows it (`Date#toISOString`: UTC, milliseconds), made from
 * PostgreSQL's text without a Date in between: ~0.1 µs against ~2 µs for pg's parser then toISOString.
 * The fast path takes the text of a session in UTC with the ISO date style (`2026-12-03 06:45:14.255123+00`,
 * fraction optional) and truncates to ms as pg's parser does; any other form (another time zone, year
 * 10,000, BC) goes through pg's parser, so the answer is the same either way.
 */
export function isoTimestamp(text: string): string {
  const n = text.length;
  const plainUtc =
    n >= 22 &&
    text.charCodeAt(4) === 45 && // '-'
    text.charCodeAt(10) === 32 && // ' '
    text.charCodeAt(n - 3) === 43 && // '+'
    text.charCodeAt(n - 2) === 48 && // '0'
    text.charCodeAt(n - 1) === 48 && // '0'
    (n === 22 || text.charCodeAt(19) === 46); // nothing after the seconds, or '.'
  if (plainUtc) {
    const seconds = `${text.slice(0, 10)}T${text.slice(11, 19)}`;
    return n === 22 ? `${seconds}.000Z` : `${seconds}${`${text.slice(19, n - 3)}000`.slice(0, 4)}Z`;
  }
  const parsed = parseTimestamptz(text);
  // ±infinity comes back as a number, and has no ISO form: the text says it
  return parsed instanceof Date && !Number.isNaN(parsed.getTime()) ? parsed.toISOString() : text;
}

/**
 * pg's per-query `types` for statements whose rows go straight into JSON answers (the feeds):
 * timestamptz columns come as ISO 8601 strings; every other type as pg parses it.
 */
export const ISO_TIMESTAMPS = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): unknown {
    return oid === TIMESTAMPTZ && format !== 'binary' ? isoTimestamp : types.getTypeParser(oid, format);
  },
};
