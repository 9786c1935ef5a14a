// Local time in the hall's time zone, computed with Intl so that the hall day turns at
// local midnight, never at UTC midnight. Pure: every function takes the instant it needs.

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** 'YYYY-MM-DD' in the hall's time zone. */
export type HallDay = string;

export interface LocalParts {
  /** 'YYYY-MM-DD' */
  date: HallDay;
  /** Minutes since local midnight, 0..1439. */
  minutes: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const weekdays: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

// Intl formatting costs microseconds; the engine asks for the same minute many times.
let lastKey = '';
let lastParts: LocalParts | undefined;

export function localParts(instant: number, timeZone: string = DEFAULT_TIME_ZONE): LocalParts {
  const minuteStart = instant - (((instant % 60_000) + 60_000) % 60_000);
  const key = `${timeZone}|${minuteStart}`;
  if (key === lastKey && lastParts) return lastParts;
  const fields: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(minuteStart)) fields[p.type] = p.value;
  const parts: LocalParts = {
    date: `${fields.year}-${fields.month}-${fields.day}`,
    minutes: Number(fields.hour) * 60 + Number(fields.minute),
    weekday: weekdays[fields.weekday ?? ''] ?? 0,
  };
  lastKey = key;
  lastParts = parts;
  return parts;
}

export function hallDayOf(instant: number, timeZone: string = DEFAULT_TIME_ZONE): HallDay {
  return localParts(instant, timeZone).date;
}

/** Offset of local time from UTC at an instant, in minutes (Asia/Shanghai: +480). */
export function utcOffsetMinutes(instant: number, timeZone: string = DEFAULT_TIME_ZONE): number {
  const p = localParts(instant, timeZone);
  const [y, m, d] = p.date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, m - 1, d) + p.minutes * 60_000;
  const minuteStart = instant - (((instant % 60_000) + 60_000) % 60_000);
  return Math.round((asUtc - minuteStart) / 60_000);
}

/** The instant at which a local date and minute-of-day occur in the time zone. */
export function localToInstant(date: HallDay, minutes: number, timeZone: string = DEFAULT_TIME_ZONE): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d) + minutes * 60_000;
  // Two rounds settle the offset, including across a daylight-saving change.
  let guess = naive - utcOffsetMinutes(naive, timeZone) * 60_000;
  guess = naive - utcOffsetMinutes(guess, timeZone) * 60_000;
  return guess;
}

/** The calendar date after `date`. */
export function nextDate(date: HallDay, days = 1): HallDay {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

export function weekdayOf(date: HallDay): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** 'HH:MM' → minutes since midnight. */
export function parseTimeOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export function formatTimeOfDay(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** ISO 8601 with the hall's offset, e.g. 2026-11-23T09:05:00+08:00 (ticket slips, exports). */
export function formatLocalIso(instant: number, timeZone: string = DEFAULT_TIME_ZONE): string {
  const offset = utcOffsetMinutes(instant, timeZone);
  const shifted = new Date(instant + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${shifted}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
