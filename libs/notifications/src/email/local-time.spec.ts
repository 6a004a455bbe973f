import { inQuietHours, localClock, toMinutes } from './local-time';

describe('local time', () => {
  it('reads a moment on the clock of a time zone, day and weekday included', () => {
    // 2026-03-01 23:30 UTC is Monday 00:30 in Paris (winter time)
    expect(localClock(new Date('2026-03-01T23:30:00Z'), 'Europe/Paris')).toEqual({
      date: '2026-03-02',
      minutes: 30,
      weekday: 1,
    });
    expect(localClock(new Date('2026-07-15T06:05:00Z'), 'America/New_York')).toEqual({
      date: '2026-07-15',
      minutes: 2 * 60 + 5,
      weekday: 3,
    });
  });

  it('reads HH:MM and HH:MM:SS as minutes', () => {
    expect(toMinutes('07:30')).toBe(450);
    expect(toMinutes('22:00:00')).toBe(1320);
  });
});

describe('quiet hours', () => {
  it('within a day: from start (included) to end (excluded)', () => {
    expect(inQuietHours(toMinutes('12:59'), '13:00', '14:00')).toBe(false);
    expect(inQuietHours(toMinutes('13:00'), '13:00', '14:00')).toBe(true);
    expect(inQuietHours(toMinutes('13:59'), '13:00', '14:00')).toBe(true);
    expect(inQuietHours(toMinutes('14:00'), '13:00', '14:00')).toBe(false);
  });

  it('wrapping past midnight', () => {
    expect(inQuietHours(toMinutes('23:00'), '22:00', '07:00')).toBe(true);
    expect(inQuietHours(toMinutes('00:00'), '22:00', '07:00')).toBe(true);
    expect(inQuietHours(toMinutes('06:59'), '22:00', '07:00')).toBe(true);
    expect(inQuietHours(toMinutes('07:00'), '22:00', '07:00')).toBe(false);
    expect(inQuietHours(toMinutes('21:59'), '22:00', '07:00')).toBe(false);
  });

  it('none set, or an empty window: never quiet', () => {
    expect(inQuietHours(600, null, null)).toBe(false);
    expect(inQuietHours(600, '10:00', '10:00')).toBe(false);
  });
});
