// A client's picture of the hall: the last snapshot plus every sequenced event applied in
// order. Pure and synchronous, shared by the kiosk, the call board and the clerk desk; the
// connection adapter in each app feeds it and reacts to what `applyEvent` reports.
//
// The rules of the sequence (see events.ts):
// - an event with seq === state.seq + 1 is applied;
// - an event with seq <= state.seq was already seen (a resend after reconnect): ignored;
// - anything else means events were lost: the caller asks `snapshot:get` and starts again.
// A kiosk's digest (fromSeq..seq) counts as all the events it stands for.
//
// Only type imports: apps bundle this file, and it must not pull zod into their bundles.
import type { CallView, EventDigest, HallEvent, HallSnapshot } from './events.ts';
import type { HelpRequest } from './api.ts';
import type { CategoryStats, TicketState, TicketView, WindowState } from './domain.ts';

/** How many recent calls a client keeps (the board shows fewer). */
export const RECENT_CALLS_KEPT = 10;

export interface HallState extends Omit<HallSnapshot, 'protocol' | 'now'> {
  /** The server's clock when the snapshot was taken (epoch ms). */
  snapshotAt: number;
  /**
   * The configuration (categories, windows, hours, notices) or the hall day changed and this
   * picture no longer describes it: the caller must fetch a fresh snapshot. Events keep being
   * applied meanwhile, so the live figures stay right until the snapshot arrives.
   */
  stale: boolean;
}

export type ApplyOutcome = 'applied' | 'duplicate' | 'gap';

export interface ApplyResult {
  state: HallState;
  outcome: ApplyOutcome;
  /** True when the caller should request `snapshot:get` (a gap, or the state went stale). */
  needsSnapshot: boolean;
}

/** The tickets a snapshot lists; others leave the client's picture. */
const keptTicketStates: ReadonlySet<TicketState> = new Set<TicketState>(['waiting', 'called', 'serving', 'held', 'no_show']);

export function fromSnapshot(snapshot: HallSnapshot): HallState {
  const { protocol: _protocol, now, ...rest } = snapshot;
  return {
    ...rest,
    recentCalls: newestCallPerTicket(snapshot.recentCalls),
    snapshotAt: now,
    stale: false,
  };
}

export function applyEvent(state: HallState, event: HallEvent): ApplyResult {
  if (event.seq <= state.seq) return { state, outcome: 'duplicate', needsSnapshot: false };
  if (event.seq !== state.seq + 1) return { state, outcome: 'gap', needsSnapshot: true };

  let next: HallState = { ...state, seq: event.seq };
  if (event.ticket) next = upsertTicket(next, event.ticket);
  if (event.window) next = upsertWindowState(next, event.window);
  if (event.stats.length > 0) next = mergeStats(next, event.stats);

  const call = callOf(next, event);
  if (call) next = { ...next, recentCalls: pushCall(next.recentCalls, call) };

  switch (event.type) {
    case 'day:started':
      // A new hall day: yesterday's tickets and calls are gone; hours and availability are
      // the new day's, which only a snapshot carries.
      next = { ...next, hallDay: event.hallDay, tickets: [], recentCalls: [], stale: true };
      break;
    case 'config:changed':
      next = { ...next, stale: true };
      break;
    case 'help:requested':
    case 'help:resolved': {
      const request = event.detail?.request as HelpRequest | undefined;
      if (!request) break;
      const others = next.helpRequests.filter((r) => r.id !== request.id);
      next = { ...next, helpRequests: event.type === 'help:requested' ? [...others, request] : others };
      break;
    }
    default:
      break;
  }
  return { state: next, outcome: 'applied', needsSnapshot: next.stale };
}

/** What a connection receives in sequence: whole events and (kiosks) digests of them. */
export type SequencedItem = HallEvent | EventDigest;

export function isDigest(item: SequencedItem): item is EventDigest {
  return 'fromSeq' in item;
}

/**
 * Folded events: their figures are the newest, and the sequence moves to the digest's end.
 * A digest overlapping what was already applied is still good: its figures come after.
 */
export function applyDigest(state: HallState, digest: EventDigest): ApplyResult {
  if (digest.seq <= state.seq) return { state, outcome: 'duplicate', needsSnapshot: false };
  if (digest.fromSeq > state.seq + 1) return { state, outcome: 'gap', needsSnapshot: true };
  let next: HallState = { ...state, seq: digest.seq };
  if (digest.stats.length > 0) next = mergeStats(next, digest.stats);
  return { state: next, outcome: 'applied', needsSnapshot: next.stale };
}

export function applyItem(state: HallState, item: SequencedItem): ApplyResult {
  return isDigest(item) ? applyDigest(state, item) : applyEvent(state, item);
}

/**
 * A fresh snapshot, then the events (or digests) that arrived while it was on its way (in any
 * order, possibly overlapping it). Older ones are duplicates; a hole after the snapshot means
 * yet another snapshot is needed.
 */
export function resumeFromSnapshot(snapshot: HallSnapshot, buffered: readonly SequencedItem[]): ApplyResult {
  let state = fromSnapshot(snapshot);
  let needsSnapshot = false;
  let outcome: ApplyOutcome = 'applied';
  for (const event of [...buffered].sort((a, b) => a.seq - b.seq)) {
    const result = applyItem(state, event);
    state = result.state;
    if (result.outcome === 'gap') {
      outcome = 'gap';
      needsSnapshot = true;
      break;
    }
    needsSnapshot ||= result.needsSnapshot;
  }
  return { state, outcome, needsSnapshot };
}

function upsertTicket(state: HallState, ticket: TicketView): HallState {
  const others = state.tickets.filter((t) => t.id !== ticket.id);
  // A ticket of another day (an event racing the day change) never enters today's picture.
  const keep = keptTicketStates.has(ticket.state) && ticket.hallDay === state.hallDay;
  return { ...state, tickets: keep ? [...others, ticket] : others };
}

function upsertWindowState(state: HallState, window: WindowState): HallState {
  const found = state.windowStates.some((w) => w.windowId === window.windowId);
  const windowStates = found
    ? state.windowStates.map((w) => (w.windowId === window.windowId ? window : w))
    : [...state.windowStates, window];
  return { ...state, windowStates };
}

function mergeStats(state: HallState, fresh: readonly CategoryStats[]): HallState {
  const byId = new Map(fresh.map((s) => [s.categoryId, s]));
  const stats = state.stats.map((s) => byId.get(s.categoryId) ?? s);
  for (const s of fresh) if (!state.stats.some((old) => old.categoryId === s.categoryId)) stats.push(s);
  return { ...state, stats };
}

/**
 * The call an event announces, if any. A call back (回呼) of a held ticket is a
 * `ticket:reactivated` event whose ticket is called again, and boards announce it like a call.
 */
function callOf(state: HallState, event: HallEvent): CallView | null {
  const ticket = event.ticket;
  if (!ticket) return null;
  const isCall =
    event.type === 'ticket:called' ||
    event.type === 'ticket:recalled' ||
    (event.type === 'ticket:reactivated' && ticket.state === 'called');
  if (!isCall) return null;
  const windowId = ticket.windowId ?? event.window?.windowId ?? null;
  if (windowId === null) return null;
  const windowNumber = event.windowNumber ?? state.windows.find((w) => w.id === windowId)?.number;
  if (windowNumber === undefined) return null;
  return {
    ticketId: ticket.id,
    number: ticket.number,
    categoryId: ticket.categoryId,
    windowId,
    windowNumber,
    at: event.at,
    recall: event.type === 'ticket:recalled',
  };
}

/** A snapshot may list a ticket once per call and recall; clients keep its newest call. */
function newestCallPerTicket(calls: readonly CallView[]): CallView[] {
  const seen = new Set<string>();
  const kept: CallView[] = [];
  for (const call of [...calls].sort((a, b) => b.at - a.at)) {
    if (seen.has(call.ticketId)) continue;
    seen.add(call.ticketId);
    kept.push(call);
  }
  return kept.slice(0, RECENT_CALLS_KEPT);
}

/** Newest first, one entry per ticket (a recall moves it back to the top). */
function pushCall(calls: readonly CallView[], call: CallView): CallView[] {
  return [call, ...calls.filter((c) => c.ticketId !== call.ticketId)].slice(0, RECENT_CALLS_KEPT);
}

// Small readers every app needs. They take the state, never keep it.

export function statsOf(state: HallState, categoryId: string): CategoryStats | undefined {
  return state.stats.find((s) => s.categoryId === categoryId);
}

export function windowStateOf(state: HallState, windowId: string): WindowState | undefined {
  return state.windowStates.find((w) => w.windowId === windowId);
}

export function ticketOf(state: HallState, ticketId: string | null | undefined): TicketView | undefined {
  if (ticketId == null) return undefined;
  return state.tickets.find((t) => t.id === ticketId);
}
