// What the clerk desk shows and allows, computed from the hall state: pure, tested by tables.
// The server has the last word on every action; this only keeps buttons from offering what
// would certainly be refused.
import type { TicketView, WindowConfig, WindowState } from '@hall/common/domain';
import type { HallState } from '@hall/common/hall-state';
import { ticketOf, windowStateOf } from '@hall/common/hall-state';

export interface WindowChoice {
  windowId: string;
  number: number;
  name: string;
  zone: string;
  kind: 'free' | 'mine' | 'occupied';
  clerkName: string | null;
  paused: boolean;
}

/** Enabled windows by number, each free, mine, or taken by another clerk. */
export function windowChoices(state: HallState, staffId: string): WindowChoice[] {
  return state.windows
    .filter((w) => w.enabled)
    .sort((a, b) => a.number - b.number)
    .map((w) => {
      const live = windowStateOf(state, w.id);
      const taken = live && live.status !== 'closed' && live.clerkId !== null;
      const kind = !taken ? 'free' : live.clerkId === staffId ? 'mine' : 'occupied';
      return { windowId: w.id, number: w.number, name: w.name, zone: w.zone, kind, clerkName: taken ? live.clerkName : null, paused: live?.status === 'paused' };
    });
}

export interface MyWindow {
  config: WindowConfig;
  live: WindowState;
  current: TicketView | null;
}

/** The window this clerk is signed in at, as the server's state says (so a reload resumes). */
export function myWindow(state: HallState, staffId: string): MyWindow | null {
  const live = state.windowStates.find((w) => w.clerkId === staffId && w.status !== 'closed');
  const config = live && state.windows.find((w) => w.id === live.windowId);
  if (!live || !config) return null;
  const current = ticketOf(state, live.currentTicketId) ?? null;
  return { config, live, current: current && isOpenAtWindow(current) ? current : null };
}

function isOpenAtWindow(ticket: TicketView): boolean {
  return ticket.state === 'called' || ticket.state === 'serving';
}

export type DeskAction = 'callNext' | 'recall' | 'start' | 'finish' | 'noShow' | 'hold' | 'transfer' | 'pause' | 'resume' | 'signOut';

/** Which buttons make sense now. */
export function allowedActions(live: WindowState, current: TicketView | null, recallLimit = Infinity): ReadonlySet<DeskAction> {
  const allowed = new Set<DeskAction>(['signOut']);
  if (live.status === 'paused') {
    allowed.add('resume');
    return allowed;
  }
  if (live.status !== 'open') return allowed;
  allowed.add('callNext');
  allowed.add('pause');
  if (current?.state === 'called') {
    // The hall's recall limit: after it, the citizen is a no-show, not called a fourth time.
    if (current.recallCount < recallLimit) allowed.add('recall');
    for (const a of ['start', 'noShow'] as const) allowed.add(a);
  }
  if (current?.state === 'serving') allowed.add('hold');
  if (current) for (const a of ['finish', 'transfer'] as const) allowed.add(a);
  return allowed;
}

export interface QueueRow {
  key: string;
  prefix: string;
  name: string;
  waiting: number;
  /** Minutes the longest-waiting ticket has waited; null when nobody waits. */
  longestMinutes: number | null;
}

/** The queues this window calls from: its categories, and tickets transferred to it. */
export function queueRows(state: HallState, window: WindowConfig, now: number, transferredLabel: string): QueueRow[] {
  const rows: QueueRow[] = [];
  const direct = state.tickets.filter((t) => t.state === 'waiting' && t.targetWindowId === window.id);
  if (direct.length > 0) {
    const oldest = Math.min(...direct.map((t) => t.arrivalAt));
    rows.push({ key: 'direct', prefix: '→', name: transferredLabel, waiting: direct.length, longestMinutes: minutesSince(oldest, now) });
  }
  for (const { categoryId } of window.categories) {
    const category = state.categories.find((c) => c.id === categoryId);
    if (!category || !category.enabled) continue;
    const stats = state.stats.find((s) => s.categoryId === categoryId);
    const since = stats?.oldestWaitingSince ?? null;
    rows.push({
      key: categoryId,
      prefix: category.prefix,
      name: category.name,
      waiting: stats?.waiting ?? 0,
      longestMinutes: since === null ? null : minutesSince(since, now),
    });
  }
  return rows;
}

function minutesSince(since: number, now: number): number {
  return Math.max(0, Math.floor((now - since) / 60_000));
}

/** Tickets this window put on hold, to call back when the citizen returns. */
export function heldTickets(state: HallState, windowId: string): TicketView[] {
  return state.tickets.filter((t) => t.state === 'held' && t.windowId === windowId).sort((a, b) => (a.calledAt ?? 0) - (b.calledAt ?? 0));
}

/** F8 is pause or resume, whichever the window allows. */
export const shortcutKeys: Readonly<Record<string, DeskAction>> = {
  F1: 'callNext',
  F2: 'recall',
  F3: 'finish',
  F4: 'noShow',
  F5: 'start',
  F6: 'hold',
  F7: 'transfer',
  F8: 'pause',
};

export function shortcutAction(key: string, allowed: ReadonlySet<DeskAction>): DeskAction | null {
  const action = shortcutKeys[key];
  if (!action) return null;
  if (action === 'pause' && allowed.has('resume')) return 'resume';
  return action;
}

export interface WaitingTicket {
  ticket: TicketView;
  waitedMinutes: number;
  /** Transferred to this window by name rather than to a category. */
  direct: boolean;
}

/**
 * Tickets this window may call out of order: waiting in its categories or sent to it, in
 * queue order (transferred-here first, then priority, then by queue time). At most `limit`.
 */
export function waitingTickets(state: HallState, window: WindowConfig, now: number, limit = 30): { shown: WaitingTicket[]; more: number } {
  const mine = new Set(window.categories.map((c) => c.categoryId));
  const all = state.tickets
    .filter((t) => t.state === 'waiting' && (t.targetWindowId === window.id || (t.targetWindowId === null && mine.has(t.categoryId))))
    .map((ticket) => ({ ticket, waitedMinutes: minutesSince(ticket.arrivalAt, now), direct: ticket.targetWindowId === window.id }))
    .sort((a, b) => Number(b.direct) - Number(a.direct) || Number(b.ticket.priority) - Number(a.ticket.priority) || a.ticket.queueAt - b.ticket.queueAt);
  return { shown: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}

/** Today's no-shows at this window, newest first, to put back in the queue when the citizen turns up. */
export function noShowTickets(state: HallState, windowId: string): TicketView[] {
  return state.tickets.filter((t) => t.state === 'no_show' && t.windowId === windowId).sort((a, b) => (b.calledAt ?? 0) - (a.calledAt ?? 0));
}

/** 好评 are the three upper levels, 差评 the two lower (the national 好差评 split). */
export function ratingSummary(ratings: Partial<Record<string, number>>): { good: number; total: number } {
  let good = 0;
  let total = 0;
  for (const [level, n] of Object.entries(ratings)) {
    total += n ?? 0;
    if (level === 'very_satisfied' || level === 'satisfied' || level === 'basically_satisfied') good += n ?? 0;
  }
  return { good, total };
}

export interface TicketHistoryLine {
  at: number;
  kind: 'issued' | 'called' | 'started' | 'transferred';
  /** For a transfer: where from and to, and the note. */
  from?: string;
  to?: string;
  note?: string;
}

/** The current ticket's story so far, oldest first: issued, transfers (with notes), called, started. */
export function ticketHistory(state: HallState, ticket: TicketView): TicketHistoryLine[] {
  const categoryName = (id: string) => state.categories.find((c) => c.id === id)?.name ?? id;
  const windowName = (id: string | null) => {
    const w = id ? state.windows.find((x) => x.id === id) : undefined;
    return w ? `${w.number}号窗口` : null;
  };
  const lines: TicketHistoryLine[] = [{ at: ticket.issuedAt, kind: 'issued' }];
  for (const t of ticket.transfers) {
    lines.push({
      at: t.at,
      kind: 'transferred',
      from: windowName(t.fromWindowId) ?? categoryName(t.fromCategoryId),
      to: windowName(t.toWindowId) ?? categoryName(t.toCategoryId),
      note: t.note,
    });
  }
  if (ticket.calledAt !== null) lines.push({ at: ticket.calledAt, kind: 'called' });
  if (ticket.startedAt !== null) lines.push({ at: ticket.startedAt, kind: 'started' });
  return lines.sort((a, b) => a.at - b.at);
}
