// What the hall board shows, computed from the hall state and the board's own settings:
// pure, so it is tested without a browser.
import type { CallView } from '@hall/common/events';
import type { HallState } from '@hall/common/hall-state';
import type { BoardSettings, Session } from '@hall/common/domain';
import { localParts } from '@hall/common/time';

/** The calls listed beside (landscape) or under (portrait) the newest one. */
export const RECENT_CALLS_SHOWN = { landscape: 6, portrait: 8 } as const;

export type BoardLayout = keyof typeof RECENT_CALLS_SHOWN;

/** The board's configured layout; an unconfigured board follows the screen's shape. */
export function boardLayout(state: HallState, screen: { width: number; height: number }): BoardLayout {
  return state.device?.board?.layout ?? (screen.height > screen.width ? 'portrait' : 'landscape');
}

export interface BoardCalls {
  latest: CallView | null;
  recent: CallView[];
}

export interface WaitingRow {
  categoryId: string;
  prefix: string;
  name: string;
  waiting: number;
}

/** The board's settings, or "everything" for an unpaired demo board. */
export function boardSettingsOf(state: HallState): Pick<BoardSettings, 'categoryIds' | 'windowIds' | 'speak' | 'voiceTemplate'> | null {
  return state.device?.board ?? null;
}

/** Does this board show (and announce) calls of that window and category? */
export function boardShowsCall(state: HallState, call: Pick<CallView, 'windowId' | 'categoryId'>): boolean {
  const settings = boardSettingsOf(state);
  if (!settings) return true;
  const windowOk = settings.windowIds.length === 0 || settings.windowIds.includes(call.windowId);
  const categoryOk = settings.categoryIds.length === 0 || settings.categoryIds.includes(call.categoryId);
  return windowOk && categoryOk;
}

export function boardCalls(state: HallState, layout: BoardLayout = 'landscape'): BoardCalls {
  const calls = state.recentCalls.filter((c) => boardShowsCall(state, c));
  return { latest: calls[0] ?? null, recent: calls.slice(1, 1 + RECENT_CALLS_SHOWN[layout]) };
}

/**
 * The categories whose queues this board shows: its own list, else those served by its
 * windows (a zone board), else every one.
 */
export function waitingRows(state: HallState): WaitingRow[] {
  const settings = boardSettingsOf(state);
  let shownIds: ReadonlySet<string> | null = null;
  if (settings && settings.categoryIds.length > 0) shownIds = new Set(settings.categoryIds);
  else if (settings && settings.windowIds.length > 0) {
    shownIds = new Set(state.windows.filter((w) => settings.windowIds.includes(w.id)).flatMap((w) => w.categories.map((c) => c.categoryId)));
  }
  const shown = (id: string) => shownIds === null || shownIds.has(id);
  const waiting = new Map(state.stats.map((s) => [s.categoryId, s.waiting]));
  return state.categories
    .filter((c) => c.enabled && shown(c.id))
    .map((c, index) => ({ c, index }))
    .sort((a, b) => a.c.sortOrder - b.c.sortOrder || a.index - b.index)
    .map(({ c }) => ({ categoryId: c.id, prefix: c.prefix, name: c.name, waiting: waiting.get(c.id) ?? 0 }));
}

/** Notices meant for boards that are enabled and within their dates now. */
export function boardNotices(state: HallState, now: number): string[] {
  return state.notices
    .filter((n) => n.enabled && n.targets.includes('board'))
    .filter((n) => (n.startsAt === null || n.startsAt <= now) && (n.endsAt === null || now < n.endsAt))
    .map((n) => n.text);
}

/** Today's opening hours, e.g. "09:00-12:00 13:30-17:00"; empty when the hall is closed. */
export function todaysHours(state: HallState, now: number): string {
  const { weekday } = localParts(now, state.settings.timeZone);
  const sessions: Session[] = weekday === 0 || weekday === 6 ? state.settings.weekendHours : state.settings.weekdayHours;
  return sessions.map((s) => `${s.start}-${s.end}`).join(' ');
}

/** Queue rows one screen holds (4×3 landscape, 2×8 portrait); more are shown page by page. */
export const WAITING_PAGE_SIZE: Record<BoardLayout, number> = { landscape: 12, portrait: 16 };
export const WAITING_PAGE_MS = 10_000;

/** The page of queue rows to show now; pages turn every ten seconds, from the hall clock. */
export function waitingPage<T>(rows: readonly T[], layout: BoardLayout, now: number): { rows: T[]; page: number; pages: number } {
  const size = WAITING_PAGE_SIZE[layout];
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const page = Math.floor(now / WAITING_PAGE_MS) % pages;
  return { rows: rows.slice(page * size, page * size + size), page, pages };
}
