/** A moment as a person reads it on their clock. */
export interface LocalClock {
  /** `YYYY-MM-DD` of their day. */
  date: string;
  /** Minutes since their midnight. */
  minutes: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function localClock(now: Date, timeZone: string): LocalClock {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday) + 1,
  };
}

/** `HH:MM` or `HH:MM:SS` (a Postgres `time`) → minutes since midnight. */
export const toMinutes = (time: string): number => {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
};

/**
 * Whether a local time falls in quiet hours `[start, end)`; a window may wrap past midnight
 * (22:00–07:00). No window, or start = end: never quiet.
 */
export function inQuietHours(minutes: number, start: string | null, end: string | null): boolean {
  if (start === null || end === null) return false;
  const from = toMinutes(start);
  const to = toMinutes(end);
  if (from === to) return false;
  return from < to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
}
