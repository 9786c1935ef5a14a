// Opening hours and whether a category can be drawn at an instant. Pure: the instant, the
// configuration and today's issued count come in as arguments.
import type { Availability, CalendarDay, Category, HallSettings, Session } from '@hall/common/domain';
import type { HallDay } from '@hall/common/time';
import { localParts, localToInstant, nextDate, parseTimeOfDay, weekdayOf } from '@hall/common/time';

/** How far ahead the next opening is searched; beyond this the kiosk shows no date. */
export const OPENING_SEARCH_DAYS = 14;

export type DayKind = CalendarDay['kind'];

export interface HoursConfig {
  settings: Pick<HallSettings, 'timeZone' | 'weekdayHours' | 'weekendHours'>;
  /** Calendar exceptions by date. */
  calendar: ReadonlyMap<HallDay, DayKind>;
}

/**
 * A session's end in minutes. Times of day stop at 23:59, so an end of 23:59 means "until
 * midnight": otherwise a hall open all day would refuse tickets in its last minute.
 */
export function sessionEndMinutes(end: string): number {
  const minutes = parseTimeOfDay(end);
  return minutes === 23 * 60 + 59 ? 24 * 60 : minutes;
}

export function calendarIndex(days: readonly CalendarDay[]): Map<HallDay, DayKind> {
  // A later entry for the same date wins, so an admin's correction appended to the list applies.
  const index = new Map<HallDay, DayKind>();
  for (const day of days) index.set(day.date, day.kind);
  return index;
}

export function isHoliday(config: HoursConfig, date: HallDay): boolean {
  return config.calendar.get(date) === 'holiday';
}

/** The sessions in which a category may be drawn on a local date (empty when closed all day). */
export function sessionsOn(config: HoursConfig, category: Pick<Category, 'hours' | 'weekendService'>, date: HallDay): readonly Session[] {
  const kind = config.calendar.get(date);
  if (kind === 'holiday') return [];
  const weekday = weekdayOf(date);
  const weekend = weekday === 0 || weekday === 6;
  // A 调休 working day keeps weekday hours even when it falls on a weekend.
  if (!weekend || kind === 'workday') return category.hours ?? config.settings.weekdayHours;
  return category.weekendService ? config.settings.weekendHours : [];
}

/**
 * The first instant after `now` at which one of the category's sessions begins, starting the
 * search `fromDayOffset` days after today; null when none begins within the search horizon.
 */
export function nextOpening(
  config: HoursConfig,
  category: Pick<Category, 'hours' | 'weekendService'>,
  now: number,
  fromDayOffset: number,
): number | null {
  const tz = config.settings.timeZone;
  const today = localParts(now, tz).date;
  for (let offset = fromDayOffset; offset <= OPENING_SEARCH_DAYS; offset++) {
    const date = nextDate(today, offset);
    for (const session of sessionsOn(config, category, date)) {
      const at = localToInstant(date, parseTimeOfDay(session.start), tz);
      if (at > now) return at;
    }
  }
  return null;
}

/**
 * Whether the category can be drawn now, and if not why and from when. Checked in the order a
 * citizen would want to hear it: the hall is shut, the category is shut, then numbers ran out.
 * `issuedToday` is the number of serials the category has issued on the local date of `now`.
 */
export function availabilityOf(
  config: HoursConfig,
  category: Category | undefined,
  issuedToday: number,
  now: number,
): Availability {
  if (!category || !category.enabled) return { open: false, reason: 'disabled', opensAt: null };
  const { date, minutes } = localParts(now, config.settings.timeZone);
  if (isHoliday(config, date)) return { open: false, reason: 'holiday', opensAt: nextOpening(config, category, now, 1) };
  const sessions = sessionsOn(config, category, date);
  const inSession = sessions.some((s) => parseTimeOfDay(s.start) <= minutes && minutes < sessionEndMinutes(s.end));
  if (!inSession) {
    // Before opening or in the lunch break the category opens again today; after the last
    // session (or on a day without sessions) it does not.
    const laterToday = sessions.some((s) => parseTimeOfDay(s.start) > minutes);
    return { open: false, reason: laterToday ? 'closed_now' : 'closed_today', opensAt: nextOpening(config, category, now, 0) };
  }
  if (category.dailyQuota !== null && issuedToday >= category.dailyQuota) {
    // New numbers come with the next hall day, so the next opening is searched from tomorrow.
    return { open: false, reason: 'quota_exhausted', opensAt: nextOpening(config, category, now, 1) };
  }
  return { open: true, reason: 'open', opensAt: null };
}
