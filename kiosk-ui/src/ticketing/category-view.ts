// What the category grid shows, computed from the hall state: pure, so it is tested without a
// browser. Components only draw the result.
import type { Availability, Category, CategoryStats } from '@hall/common/domain';
import type { HallState } from '@hall/common/hall-state';
import { localParts, formatTimeOfDay, nextDate } from '@hall/common/time';
import { messages } from '../messages.ts';

export interface CategoryCard {
  id: string;
  prefix: string;
  name: string;
  description: string;
  open: boolean;
  identityRequired: boolean;
  /** Shown on an open card: waiting count and estimated wait. */
  waitingText: string;
  waitText: string;
  /** Shown on a closed card: why, and when drawing opens again. */
  closedText: string;
  opensText: string;
}

export interface CategoryGroup {
  name: string;
  cards: CategoryCard[];
}

const t = messages.ticketing;

/** Enabled categories in the hall's order, grouped by `group` in order of first appearance. */
export function categoryGroups(state: HallState, now: number): CategoryGroup[] {
  const statsById = new Map(state.stats.map((s) => [s.categoryId, s]));
  const sorted = state.categories
    .filter((c) => c.enabled)
    .map((c, index) => ({ c, index }))
    .sort((a, b) => a.c.sortOrder - b.c.sortOrder || a.index - b.index)
    .map(({ c }) => c);
  const groups = new Map<string, CategoryCard[]>();
  for (const category of sorted) {
    const card = categoryCard(category, statsById.get(category.id), state.availability[category.id], now, state.settings.timeZone);
    const list = groups.get(category.group);
    if (list) list.push(card);
    else groups.set(category.group, [card]);
  }
  return [...groups].map(([name, cards]) => ({ name, cards }));
}

export function categoryCard(category: Category, stats: CategoryStats | undefined, availability: Availability | undefined, now: number, timeZone: string): CategoryCard {
  // No availability entry means the server said nothing against drawing.
  const open = availability?.open ?? true;
  return {
    id: category.id,
    prefix: category.prefix,
    name: category.name,
    description: category.description,
    open,
    identityRequired: category.identityRequired,
    waitingText: t.waiting(stats?.waiting ?? 0),
    waitText: formatWait(stats?.estimatedWaitMinutes ?? null),
    closedText: open || !availability ? '' : t.closed[availability.reason],
    opensText: !open && availability?.opensAt != null ? t.opensAt(formatOpensAt(availability.opensAt, now, timeZone)) : '',
  };
}

export function formatWait(minutes: number | null): string {
  if (minutes === null) return t.waitUnknown;
  const rounded = Math.ceil(minutes);
  if (rounded <= 0) return t.waitNone;
  if (rounded < 60) return t.waitMinutes(rounded);
  return t.waitHoursMinutes(Math.floor(rounded / 60), rounded % 60);
}

/** "今天 13:30", "明天 09:00" or "12月1日 09:00", in the hall's time zone. */
export function formatOpensAt(opensAt: number, now: number, timeZone: string): string {
  const at = localParts(opensAt, timeZone);
  const today = localParts(now, timeZone).date;
  const hhmm = formatTimeOfDay(at.minutes);
  if (at.date === today) return t.opensToday(hhmm);
  if (at.date === nextDate(today)) return t.opensTomorrow(hhmm);
  const [, month, day] = at.date.split('-').map(Number) as [number, number, number];
  return t.opensOn(month, day, hhmm);
}
