import { types } from 'pg';
import { ISO_TIMESTAMPS, isoTimestamp } from './iso-timestamps';

const pgThenIso = (text: string) => (types.getTypeParser(1184, 'text')(text) as Date).toISOString();

describe('isoTimestamp', () => {
  it('gives what pg parsing then toISOString gives, for every fraction length and none', () => {
    for (const text of [
      '2026-12-03 06:45:14+00',
      '2026-12-03 06:45:14.2+00',
      '2026-12-03 06:45:14.25+00',
      '2026-12-03 06:45:14.255+00',
      '2026-12-03 06:45:14.2557+00',
      '2026-12-03 06:45:14.999999+00',
      '2026-12-03 06:45:14.000001+00',
      '1999-12-31 23:59:59.29+00',
    ]) {
      expect(isoTimestamp(text)).toBe(pgThenIso(text));
    }
    expect(isoTimestamp('2026-12-03 06:45:14.255999+00')).toBe('2026-12-03T06:45:14.255Z'); // truncated, as pg does
  });

  it('goes through pg for another time zone, a 5-digit year or BC, and keeps infinity as text', () => {
    expect(isoTimestamp('2026-12-03 07:45:14.255+01')).toBe('2026-12-03T06:45:14.255Z');
    expect(isoTimestamp('2026-01-01 03:00:00+05:30')).toBe('2025-12-31T21:30:00.000Z');
    expect(isoTimestamp('12026-12-03 06:45:14+00')).toBe(pgThenIso('12026-12-03 06:45:14+00'));
    expect(isoTimestamp('0044-03-15 12:00:00+00 BC')).toBe(pgThenIso('0044-03-15 12:00:00+00 BC'));
    expect(isoTimestamp('infinity')).toBe('infinity');
    expect(isoTimestamp('-infinity')).toBe('-infinity');
  });

  it('is the parser of timestamptz only', () => {
    expect(ISO_TIMESTAMPS.getTypeParser(1184, 'text')).toBe(isoTimestamp);
    expect(ISO_TIMESTAMPS.getTypeParser(1114, 'text')).toBe(types.getTypeParser(1114, 'text'));
    expect(ISO_TIMESTAMPS.getTypeParser(23, 'text')).toBe(types.getTypeParser(23, 'text'));
  });
});
