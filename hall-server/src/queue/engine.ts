// The queue engine: numbering, the ticket state machine, next-ticket selection and estimates
// for one hall (queue-rules.md). Pure and synchronous: instants and ids come in as arguments
// and every change comes back as domain events for the store to persist.
//
// Two disciplines keep it safe to use from the store:
// - every command validates completely before it changes anything, so a thrown HallError
//   leaves the engine exactly as it was;
// - objects handed out (in events or queries) are never mutated afterwards: each change
//   builds a new Ticket or WindowState object.
import type { Actor, Availability, Category, CategoryStats, WindowConfig, WindowState } from '@hall/common/domain';
import type { ErrorCode } from '@hall/common/errors';
import { HallError } from '@hall/common/errors';
import type { HallDay } from '@hall/common/time';
import { hallDayOf } from '@hall/common/time';
import { averageServiceMinutes, countAhead, estimateWaitMinutes, pushRecent } from './estimates.ts';
import type { HoursConfig } from './hours.ts';
import { availabilityOf, calendarIndex } from './hours.ts';
import { formatTicketNumber } from './numbering.ts';
import { CategoryQueue } from './waiting-index.ts';
import type { Selection, SelectionContext } from './selection.ts';
import { compareArrival, isAppointmentActive, orderForWindow, selectNext } from './selection.ts';
import type {
  CloseChoice,
  DomainEvent,
  DomainEventType,
  EngineSnapshot,
  HallConfig,
  IssueInput,
  Ticket,
  TransferTarget,
} from './types.ts';

const MINUTE = 60_000;

/** The actor of changes the engine makes on its own (the day turn). */
export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'queue-engine' };

export interface WaitEstimate {
  peopleAhead: number;
  estimatedWaitMinutes: number | null;
}

function isOpenState(t: Ticket): boolean {
  return t.state === 'waiting' || t.state === 'called' || t.state === 'serving' || t.state === 'held';
}

/** States that end a ticket's life in the engine: the store keeps the history, memory does not. */
function isGone(t: Ticket): boolean {
  return t.state === 'finished' || t.state === 'cancelled' || t.state === 'expired';
}

function closedWindow(windowId: string): WindowState {
  return { windowId, status: 'closed', clerkId: null, clerkName: null, pauseReason: null, currentTicketId: null, priorityStreak: 0 };
}

function fail(code: ErrorCode, details?: Record<string, unknown>): never {
  throw new HallError(code, details ? { details } : {});
}

/** Minutes of service between the start (or the call, when never started) and `end`. */
function serviceMinutes(t: Ticket, end: number): number | null {
  const from = t.startedAt ?? t.calledAt;
  return from === null ? null : Math.max(0, (end - from) / MINUTE);
}

interface State {
  day: HallDay;
  tickets: Map<string, Ticket>;
  counters: Map<string, number>;
  windows: Map<string, WindowState>;
  recent: Map<string, number[]>;
}

export class QueueEngine {
  private config!: HallConfig;
  private categories = new Map<string, Category>();
  private windowConfigs = new Map<string, WindowConfig>();
  /** Per window: category id → weight (presence = the window serves the category). */
  private weights = new Map<string, Map<string, number>>();
  /** Per category: enabled windows serving it with a positive weight (the estimate's divisor). */
  private servingWindows = new Map<string, string[]>();
  private hours!: HoursConfig;

  private day: HallDay;
  /** Open tickets of any day and today's no-shows, by id. */
  private tickets = new Map<string, Ticket>();
  /** Last serial issued today per issuing category. */
  private counters = new Map<string, number>();
  private windows = new Map<string, WindowState>();
  /** Recent service durations (minutes) per category, oldest first. */
  private recent = new Map<string, number[]>();

  // Indexes, rebuilt from `tickets` whenever that is replaced wholesale.
  /** Waiting tickets not targeted at a window, per category: selection reads only these. */
  private waitingByCategory = new Map<string, CategoryQueue>();
  /** Waiting tickets transferred to one window, per window. */
  private waitingByWindow = new Map<string, Map<string, Ticket>>();
  /** Tickets in memory per person key, for one-per-person. */
  private byPerson = new Map<string, Set<string>>();

  constructor(config: HallConfig, snapshot: EngineSnapshot) {
    this.day = snapshot.hallDay;
    for (const [categoryId, serial] of Object.entries(snapshot.counters)) this.counters.set(categoryId, serial);
    for (const [categoryId, minutes] of Object.entries(snapshot.recentServiceMinutes)) {
      this.recent.set(categoryId, minutes.slice(-20));
    }
    for (const t of snapshot.tickets) {
      if (isOpenState(t) || t.state === 'no_show') this.tickets.set(t.id, { ...t, transfers: [...t.transfers] });
    }
    for (const w of snapshot.windows) this.windows.set(w.windowId, { ...w });
    this.reconcileWindows();
    this.rebuildIndexes();
    this.setConfig(config);
  }

  // ---------------------------------------------------------------------------------------
  // Configuration and day

  /** Live reconfiguration: tickets, counters and window states are kept. */
  setConfig(config: HallConfig): void {
    this.config = config;
    this.categories = new Map(config.categories.map((c) => [c.id, c]));
    this.windowConfigs = new Map(config.windows.map((w) => [w.id, w]));
    this.weights = new Map(config.windows.map((w) => [w.id, new Map(w.categories.map((c) => [c.categoryId, c.weight]))]));
    this.hours = { settings: config.settings, calendar: calendarIndex(config.calendar) };
    this.servingWindows = new Map();
    for (const w of config.windows) {
      if (!w.enabled) continue;
      for (const c of w.categories) {
        if (c.weight <= 0) continue;
        const list = this.servingWindows.get(c.categoryId) ?? [];
        if (!list.includes(w.id)) list.push(w.id);
        this.servingWindows.set(c.categoryId, list);
      }
    }
    for (const w of config.windows) if (!this.windows.has(w.id)) this.windows.set(w.id, closedWindow(w.id));
  }

  get hallDay(): HallDay {
    return this.day;
  }

  /**
   * Turns the hall day when `now` falls on a later local date. The day only moves forward: a
   * clock stepping back across midnight must not reset the counters and repeat numbers.
   */
  rollover(now: number): DomainEvent[] {
    const day = hallDayOf(now, this.config.settings.timeZone);
    if (day <= this.day) return [];
    const previousDay = this.day;
    this.day = day;
    this.counters.clear();
    // Streaks reset first, so that every window state carried by the events below is final.
    for (const [id, ws] of this.windows) if (ws.priorityStreak !== 0) this.windows.set(id, { ...ws, priorityStreak: 0 });
    const events: DomainEvent[] = [];
    for (const t of this.sortedTickets()) {
      if (t.state === 'no_show') {
        this.removeTicket(t);
      } else if (t.state === 'waiting' || t.state === 'called' || t.state === 'held') {
        const expired: Ticket = { ...t, state: 'expired' };
        this.putTicket(expired);
        let window: WindowState | undefined;
        const ws = t.windowId === null ? undefined : this.windows.get(t.windowId);
        if (ws && ws.currentTicketId === t.id) {
          window = { ...ws, currentTicketId: null };
          this.windows.set(ws.windowId, window);
        }
        events.push(this.event('ticket:expired', now, SYSTEM_ACTOR, { ticket: expired, window, detail: { previousDay } }));
      }
    }
    events.push(this.event('day:started', now, SYSTEM_ACTOR, { detail: { previousDay, windows: this.windowStates() } }));
    return events;
  }

  // ---------------------------------------------------------------------------------------
  // Issuing

  availability(categoryId: string, now: number): Availability {
    const category = this.categories.get(categoryId);
    return availabilityOf(this.hours, category, this.issuedOn(categoryId, now), now);
  }

  issue(input: IssueInput, now: number): DomainEvent[] {
    return this.command(now, () => {
      const category = this.categories.get(input.categoryId);
      const availability = this.availability(input.categoryId, now);
      if (!category || availability.reason === 'disabled') fail('CATEGORY_NOT_FOUND', { categoryId: input.categoryId });
      if (availability.reason === 'holiday') fail('HALL_CLOSED', { opensAt: availability.opensAt });
      if (availability.reason === 'closed_now' || availability.reason === 'closed_today') {
        fail('CATEGORY_CLOSED', { opensAt: availability.opensAt });
      }
      if (category.identityRequired && !input.personKey) fail('IDENTITY_REQUIRED');
      // Checked before the quota: a citizen who already holds a number is offered a reprint,
      // which helps more than "numbers ran out".
      if (category.onePerPerson && input.personKey) {
        const existing = this.findWaiting(category.id, input.personKey);
        if (existing) fail('ALREADY_WAITING', { ticketId: existing.id });
      }
      if (availability.reason === 'quota_exhausted') fail('QUOTA_EXHAUSTED', { opensAt: availability.opensAt });
      if (this.tickets.has(input.ticketId)) fail('CONFLICT', { ticketId: input.ticketId });

      const serial = (this.counters.get(category.id) ?? 0) + 1;
      const ticket: Ticket = {
        id: input.ticketId,
        number: formatTicketNumber(category, serial),
        hallDay: this.day,
        categoryId: category.id,
        state: 'waiting',
        issuedAt: now,
        arrivalAt: now,
        queueAt: now,
        priority: input.priority && category.priorityEnabled,
        appointment: input.appointment,
        targetWindowId: null,
        windowId: null,
        calledAt: null,
        startedAt: null,
        finishedAt: null,
        recallCount: 0,
        transfers: [],
        serial,
        issueCategoryId: category.id,
        personKey: input.personKey,
        publicToken: input.publicToken,
        source: input.source,
        issuedBy: input.issuedBy,
      };
      this.counters.set(category.id, serial);
      this.putTicket(ticket);
      const actor: Actor = { kind: input.source === 'staff' ? 'clerk' : input.source === 'phone' ? 'citizen' : 'device', id: input.issuedBy };
      return [this.event('ticket:issued', now, actor, { ticket })];
    });
  }

  /** The person's open ticket (waiting, called or held) in a category, for one-per-person. */
  findWaiting(categoryId: string, personKey: string): Ticket | undefined {
    const ids = this.byPerson.get(personKey);
    if (!ids) return undefined;
    let found: Ticket | undefined;
    for (const id of ids) {
      const t = this.tickets.get(id);
      if (!t || t.categoryId !== categoryId) continue;
      if (t.state !== 'waiting' && t.state !== 'called' && t.state !== 'held') continue;
      if (!found || compareArrival(t, found) < 0) found = t;
    }
    return found;
  }

  // ---------------------------------------------------------------------------------------
  // Windows

  signIn(windowId: string, clerk: { id: string; name: string }, now: number): DomainEvent[] {
    return this.command(now, () => {
      const config = this.windowConfigs.get(windowId);
      const state = this.windows.get(windowId);
      if (!config || !config.enabled || !state) fail('WINDOW_NOT_FOUND', { windowId });
      if (state.clerkId !== null && state.clerkId !== clerk.id) fail('WINDOW_OCCUPIED', { windowId });
      for (const other of this.windows.values()) {
        if (other.windowId !== windowId && other.clerkId === clerk.id && other.status !== 'closed') {
          fail('WINDOW_ALREADY_SIGNED_IN', { windowId: other.windowId });
        }
      }
      // Signing in again where one already is (a refreshed browser) changes nothing.
      if (state.clerkId === clerk.id && state.status !== 'closed') return [];
      const window: WindowState = { ...state, status: 'open', clerkId: clerk.id, clerkName: clerk.name, pauseReason: null };
      this.windows.set(windowId, window);
      return [this.event('window:signedIn', now, { kind: 'clerk', id: clerk.id }, { window })];
    });
  }

  signOut(windowId: string, actor: Actor, now: number): DomainEvent[] {
    return this.command(now, () => {
      const state = this.activeWindow(windowId, true);
      if (state.currentTicketId !== null) fail('TICKET_OPEN', { ticketId: state.currentTicketId });
      const window: WindowState = { ...state, status: 'closed', clerkId: null, clerkName: null, pauseReason: null };
      this.windows.set(windowId, window);
      return [this.event('window:signedOut', now, actor, { window })];
    });
  }

  /** Pausing a paused window replaces the reason shown on its LED strip. */
  pause(windowId: string, reason: string, actor: Actor, now: number): DomainEvent[] {
    return this.command(now, () => {
      const state = this.activeWindow(windowId, true);
      const window: WindowState = { ...state, status: 'paused', pauseReason: reason };
      this.windows.set(windowId, window);
      return [this.event('window:paused', now, actor, { window, detail: { reason } })];
    });
  }

  /** Resuming an open window changes nothing. */
  resume(windowId: string, actor: Actor, now: number): DomainEvent[] {
    return this.command(now, () => {
      const state = this.activeWindow(windowId, true);
      if (state.status === 'open') return [];
      const window: WindowState = { ...state, status: 'open', pauseReason: null };
      this.windows.set(windowId, window);
      return [this.event('window:resumed', now, actor, { window })];
    });
  }

  // ---------------------------------------------------------------------------------------
  // Calling

  callNext(windowId: string, actor: Actor, now: number, closeCurrent?: CloseChoice): DomainEvent[] {
    return this.command(now, () => {
      const state = this.callingWindow(windowId);
      const close = this.planClose(state, closeCurrent);
      const selection = this.select(state, now);
      if (!selection) fail('NO_TICKET_WAITING');
      const events = close ? close(now, actor) : [];
      const streak = selection.lane === 'priority' ? this.windowOrFail(windowId).priorityStreak + 1 : 0;
      events.push(this.callTicketAt(windowId, selection.ticket, now, actor, streak, { mode: 'next', lane: selection.lane }));
      return events;
    });
  }

  /** An out-of-order call, audited through `detail.reason`; it leaves the priority streak alone. */
  callTicket(windowId: string, ticketId: string, reason: string, actor: Actor, now: number, closeCurrent?: CloseChoice): DomainEvent[] {
    return this.command(now, () => {
      const state = this.callingWindow(windowId);
      const ticket = this.ticketOrFail(ticketId);
      if (ticket.state !== 'waiting') fail('INVALID_TRANSITION', { ticketId, state: ticket.state });
      const served =
        ticket.targetWindowId === null ? this.weights.get(windowId)?.has(ticket.categoryId) === true : ticket.targetWindowId === windowId;
      if (!served) fail('CATEGORY_NOT_SERVED', { ticketId, categoryId: ticket.categoryId });
      const close = this.planClose(state, closeCurrent);
      const events = close ? close(now, actor) : [];
      const streak = this.windowOrFail(windowId).priorityStreak;
      events.push(this.callTicketAt(windowId, ticket, now, actor, streak, { mode: 'manual', reason }));
      return events;
    });
  }

  /** Announce the current ticket again; a serving ticket goes back to called (the citizen left the desk). */
  recall(windowId: string, actor: Actor, now: number): DomainEvent[] {
    return this.command(now, () => {
      const state = this.activeWindow(windowId, false);
      const ticket = this.currentOrFail(state);
      if (ticket.state !== 'called' && ticket.state !== 'serving') fail('INVALID_TRANSITION', { ticketId: ticket.id, state: ticket.state });
      if (ticket.recallCount >= this.config.settings.recallLimit) fail('RECALL_LIMIT', { recallCount: ticket.recallCount });
      const next: Ticket = { ...ticket, state: 'called', recallCount: ticket.recallCount + 1 };
      this.putTicket(next);
      return [this.event('ticket:recalled', now, actor, { ticket: next, detail: { recallCount: next.recallCount } })];
    });
  }

  start(windowId: string, actor: Actor, now: number): DomainEvent[] {
    return this.command(now, () => {
      const state = this.activeWindow(windowId, false);
      const ticket = this.currentOrFail(state);
      if (ticket.state !== 'called') fail('INVALID_TRANSITION', { ticketId: ticket.id, state: ticket.state });
      // After a recall from serving, the service keeps its first start.
      const next: Ticket = { ...ticket, state: 'serving', startedAt: ticket.startedAt ?? now };
      this.putTicket(next);
      return [this.event('ticket:started', now, actor, { ticket: next })];
    });
  }

  finish(windowId: string, actor: Actor, now: number): DomainEvent[] {
    return this.command(now, () => {
      const close = this.planClose(this.activeWindow(windowId, true), 'finish', true);
      return close ? close(now, actor) : [];
    });
  }

  noShow(windowId: string, actor: Actor, now: number): DomainEvent[] {
    return this.command(now, () => {
      const close = this.planClose(this.activeWindow(windowId, true), 'no_show', true);
      return close ? close(now, actor) : [];
    });
  }

  /** The citizen steps away (to fetch a document): the window is free, the ticket remembers it. */
  hold(windowId: string, actor: Actor, now: number): DomainEvent[] {
    return this.command(now, () => {
      const state = this.activeWindow(windowId, true);
      const ticket = this.currentOrFail(state);
      if (ticket.state !== 'serving') fail('INVALID_TRANSITION', { ticketId: ticket.id, state: ticket.state });
      const next: Ticket = { ...ticket, state: 'held' };
      this.putTicket(next);
      const window: WindowState = { ...state, currentTicketId: null };
      this.windows.set(windowId, window);
      return [this.event('ticket:held', now, actor, { ticket: next, window })];
    });
  }

  /** A held ticket returns to the window that held it. */
  callBack(windowId: string, ticketId: string, actor: Actor, now: number): DomainEvent[] {
    return this.command(now, () => {
      const state = this.activeWindow(windowId, false);
      const ticket = this.ticketOrFail(ticketId);
      if (ticket.state !== 'held') fail('INVALID_TRANSITION', { ticketId, state: ticket.state });
      if (ticket.windowId !== windowId) fail('INVALID_TRANSITION', { ticketId, windowId: ticket.windowId });
      if (state.currentTicketId !== null) fail('TICKET_OPEN', { ticketId: state.currentTicketId });
      const next: Ticket = { ...ticket, state: 'called', calledAt: now };
      this.putTicket(next);
      const window: WindowState = { ...state, currentTicketId: next.id };
      this.windows.set(windowId, window);
      return [this.event('ticket:called', now, actor, { ticket: next, window, detail: { mode: 'callBack' } })];
    });
  }

  /**
   * Sends the current ticket to another category and/or one window. It keeps its number and
   * arrival, and queues by its arrival so that the citizen does not start over.
   */
  transfer(windowId: string, target: TransferTarget, actor: Actor, now: number): DomainEvent[] {
    return this.command(now, () => {
      const state = this.activeWindow(windowId, true);
      const ticket = this.currentOrFail(state);
      if (ticket.state !== 'called' && ticket.state !== 'serving') fail('INVALID_TRANSITION', { ticketId: ticket.id, state: ticket.state });
      const toCategoryId = target.toCategoryId ?? ticket.categoryId;
      const toWindowId = target.toWindowId ?? null;
      if (target.toCategoryId === undefined && target.toWindowId === undefined) fail('VALIDATION_FAILED', { field: 'target' });
      const category = this.categories.get(toCategoryId);
      if (!category || !category.enabled) fail('CATEGORY_NOT_FOUND', { categoryId: toCategoryId });
      if (toWindowId !== null && this.windowConfigs.get(toWindowId)?.enabled !== true) fail('WINDOW_NOT_FOUND', { windowId: toWindowId });

      // A transfer out of service is a service leg like any other for the category's average.
      const minutes = ticket.state === 'serving' ? serviceMinutes(ticket, now) : null;
      if (minutes !== null) this.recent.set(ticket.categoryId, pushRecent(this.recent.get(ticket.categoryId), minutes));
      const next: Ticket = {
        ...ticket,
        state: 'waiting',
        categoryId: toCategoryId,
        targetWindowId: toWindowId,
        queueAt: ticket.arrivalAt,
        calledAt: null,
        startedAt: null,
        recallCount: 0,
        transfers: [
          ...ticket.transfers,
          { at: now, fromCategoryId: ticket.categoryId, fromWindowId: windowId, toCategoryId, toWindowId, note: target.note, by: actor.id },
        ],
      };
      this.putTicket(next);
      const window: WindowState = { ...state, currentTicketId: null };
      this.windows.set(windowId, window);
      return [this.event('ticket:transferred', now, actor, { ticket: next, window, detail: { toCategoryId, toWindowId, note: target.note } })];
    });
  }

  /** A no-show returns to the queue, at its old place or behind the next few minutes' arrivals. */
  reactivate(ticketId: string, actor: Actor, now: number): DomainEvent[] {
    return this.command(now, () => {
      const ticket = this.ticketOrFail(ticketId);
      if (ticket.state !== 'no_show') fail('INVALID_TRANSITION', { ticketId, state: ticket.state });
      // The holder may have drawn a new number since; one waiting ticket per person still holds.
      if (ticket.personKey !== null && this.categories.get(ticket.categoryId)?.onePerPerson === true) {
        const existing = this.findWaiting(ticket.categoryId, ticket.personKey);
        if (existing) fail('ALREADY_WAITING', { ticketId: existing.id });
      }
      const { reactivatePosition, reactivateDelayMinutes } = this.config.settings;
      const queueAt = reactivatePosition === 'original' ? ticket.queueAt : now + reactivateDelayMinutes * MINUTE;
      const next: Ticket = { ...ticket, state: 'waiting', queueAt, calledAt: null, startedAt: null, recallCount: 0 };
      this.putTicket(next);
      return [this.event('ticket:reactivated', now, actor, { ticket: next, detail: { position: reactivatePosition } })];
    });
  }

  cancel(ticketId: string, reason: string, actor: Actor, now: number): DomainEvent[] {
    return this.command(now, () => {
      const ticket = this.ticketOrFail(ticketId);
      if (ticket.state !== 'waiting') fail('INVALID_TRANSITION', { ticketId, state: ticket.state });
      const next: Ticket = { ...ticket, state: 'cancelled', finishedAt: now };
      this.putTicket(next);
      return [this.event('ticket:cancelled', now, actor, { ticket: next, detail: { reason } })];
    });
  }

  // ---------------------------------------------------------------------------------------
  // Queries

  ticket(id: string): Ticket | undefined {
    return this.tickets.get(id);
  }

  /** Waiting, called, serving and held tickets, in order of issue. */
  openTickets(): Ticket[] {
    return this.sortedTickets().filter(isOpenState);
  }

  windowState(windowId: string): WindowState | undefined {
    return this.windows.get(windowId);
  }

  /** One per configured window, in configuration order. */
  windowStates(): WindowState[] {
    return this.config.windows.map((w) => this.windows.get(w.id) ?? closedWindow(w.id));
  }

  currentTicket(windowId: string): Ticket | undefined {
    const id = this.windows.get(windowId)?.currentTicketId;
    return id == null ? undefined : this.tickets.get(id);
  }

  /**
   * What callNext would pick now, without changing anything. Answered whatever the window's
   * status, so that a paused desk can still show who is next.
   */
  peekNext(windowId: string, now: number): Ticket | undefined {
    const state = this.windows.get(windowId);
    return state ? this.select(state, now)?.ticket : undefined;
  }

  /** Every ticket W could call, in the order it would call them now. */
  queueFor(windowId: string, now: number): Ticket[] {
    const state = this.windows.get(windowId);
    return state ? orderForWindow(this.candidates(windowId), this.selectionContext(state, now)) : [];
  }

  stats(categoryId: string, now: number): CategoryStats {
    const category = this.categories.get(categoryId);
    if (!category) fail('CATEGORY_NOT_FOUND', { categoryId });
    const waiting = this.waitingByCategory.get(categoryId);
    const oldest = waiting ? waiting.oldestArrival() : null;
    const issuedToday = this.issuedOn(categoryId, now);
    return {
      categoryId,
      waiting: waiting?.size ?? 0,
      issuedToday,
      estimatedWaitMinutes: this.estimateForNew(categoryId, false, now).estimatedWaitMinutes,
      openWindows: this.openWindowsServing(categoryId),
      oldestWaitingSince: oldest,
      quotaLeft: category.dailyQuota === null ? null : Math.max(0, category.dailyQuota - issuedToday),
    };
  }

  allStats(now: number): CategoryStats[] {
    return this.config.categories.map((c) => this.stats(c.id, now));
  }

  peopleAhead(ticketId: string, now: number): number {
    return this.estimate(ticketId, now).peopleAhead;
  }

  /** For a waiting ticket; a ticket already called or beyond has nobody ahead. */
  estimate(ticketId: string, now: number): WaitEstimate {
    const ticket = this.ticketOrFail(ticketId);
    if (ticket.state !== 'waiting') return { peopleAhead: 0, estimatedWaitMinutes: 0 };
    const late = this.config.settings.appointmentLateMinutes;
    const category = this.categories.get(ticket.categoryId);
    const average = averageServiceMinutes(this.recent.get(ticket.categoryId), category?.defaultServiceMinutes ?? 10);
    if (ticket.targetWindowId !== null) {
      // Sent to one desk: only that desk's own queue is ahead, and only that desk serves it.
      const ahead = countAhead(ticket, this.waitingByWindow.get(ticket.targetWindowId)?.values() ?? [], now, late);
      const open = this.windows.get(ticket.targetWindowId)?.status === 'open' ? 1 : 0;
      return { peopleAhead: ahead, estimatedWaitMinutes: estimateWaitMinutes(ahead, average, open) };
    }
    const queue = this.waitingByCategory.get(ticket.categoryId);
    // A ticket without an appointment sits in its sorted lane: counting is a binary search
    // (this runs for every issuance); only an appointment ticket needs the full comparison.
    const ahead =
      ticket.appointment === null
        ? (queue?.countAheadOfNew(ticket, (t) => isAppointmentActive(t, now, late)) ?? 0)
        : countAhead(ticket, queue?.values() ?? [], now, late);
    return { peopleAhead: ahead, estimatedWaitMinutes: estimateWaitMinutes(ahead, average, this.openWindowsServing(ticket.categoryId)) };
  }

  /** What a ticket issued now would be told (the kiosk shows it before printing). */
  estimateForNew(categoryId: string, priority: boolean, now: number): WaitEstimate {
    const category = this.categories.get(categoryId);
    if (!category) fail('CATEGORY_NOT_FOUND', { categoryId });
    // A stand-in that sorts after every real ticket with the same queue time.
    const probe = {
      id: '\uffff',
      serial: Number.MAX_SAFE_INTEGER,
      queueAt: now,
      priority: priority && category.priorityEnabled,
      appointment: null,
    } as Ticket;
    const late = this.config.settings.appointmentLateMinutes;
    const ahead = this.waitingByCategory.get(categoryId)?.countAheadOfNew(probe, (t) => isAppointmentActive(t, now, late)) ?? 0;
    const average = averageServiceMinutes(this.recent.get(categoryId), category.defaultServiceMinutes);
    return { peopleAhead: ahead, estimatedWaitMinutes: estimateWaitMinutes(ahead, average, this.openWindowsServing(categoryId)) };
  }

  /** The engine's state in the form it is started from (for the store and for tests). */
  snapshot(): EngineSnapshot {
    return {
      hallDay: this.day,
      tickets: this.sortedTickets(),
      counters: Object.fromEntries(this.counters),
      windows: [...this.windows.values()],
      recentServiceMinutes: Object.fromEntries([...this.recent].map(([k, v]) => [k, [...v]])),
    };
  }

  // ---------------------------------------------------------------------------------------
  // Internals

  /**
   * Runs a command after turning the day if `now` is on a later one. Should the command then
   * fail, the day turn is undone too, so that a thrown error never leaves a change behind
   * (and never loses the day-turn events the caller did not get).
   */
  private command(now: number, run: () => DomainEvent[]): DomainEvent[] {
    if (hallDayOf(now, this.config.settings.timeZone) <= this.day) return run();
    const saved = this.saveState();
    try {
      const turned = this.rollover(now);
      return [...turned, ...run()];
    } catch (error) {
      this.restoreState(saved);
      throw error;
    }
  }

  private saveState(): State {
    return {
      day: this.day,
      tickets: new Map(this.tickets),
      counters: new Map(this.counters),
      windows: new Map(this.windows),
      recent: new Map(this.recent),
    };
  }

  private restoreState(s: State): void {
    this.day = s.day;
    this.tickets = s.tickets;
    this.counters = s.counters;
    this.windows = s.windows;
    this.recent = s.recent;
    this.rebuildIndexes();
  }

  private rebuildIndexes(): void {
    this.waitingByCategory = new Map();
    this.waitingByWindow = new Map();
    this.byPerson = new Map();
    for (const t of this.tickets.values()) this.index(t);
  }

  private index(t: Ticket): void {
    if (t.personKey !== null) {
      let ids = this.byPerson.get(t.personKey);
      if (!ids) this.byPerson.set(t.personKey, (ids = new Set()));
      ids.add(t.id);
    }
    if (t.state !== 'waiting') return;
    if (t.targetWindowId === null) {
      let queue = this.waitingByCategory.get(t.categoryId);
      if (!queue) this.waitingByCategory.set(t.categoryId, (queue = new CategoryQueue()));
      queue.add(t);
    } else {
      let bucket = this.waitingByWindow.get(t.targetWindowId);
      if (!bucket) this.waitingByWindow.set(t.targetWindowId, (bucket = new Map()));
      bucket.set(t.id, t);
    }
  }

  private unindex(t: Ticket): void {
    if (t.personKey !== null) {
      const ids = this.byPerson.get(t.personKey);
      ids?.delete(t.id);
      if (ids?.size === 0) this.byPerson.delete(t.personKey);
    }
    if (t.state !== 'waiting') return;
    if (t.targetWindowId === null) {
      const queue = this.waitingByCategory.get(t.categoryId);
      queue?.delete(t);
      if (queue?.size === 0) this.waitingByCategory.delete(t.categoryId);
    } else {
      const bucket = this.waitingByWindow.get(t.targetWindowId);
      bucket?.delete(t.id);
      if (bucket?.size === 0) this.waitingByWindow.delete(t.targetWindowId);
    }
  }

  /** Stores the ticket's new version; finished, cancelled and expired tickets leave memory. */
  private putTicket(t: Ticket): void {
    const previous = this.tickets.get(t.id);
    if (previous) this.unindex(previous);
    if (isGone(t)) {
      this.tickets.delete(t.id);
      return;
    }
    this.tickets.set(t.id, t);
    this.index(t);
  }

  private removeTicket(t: Ticket): void {
    this.unindex(t);
    this.tickets.delete(t.id);
  }

  private sortedTickets(): Ticket[] {
    return [...this.tickets.values()].sort((a, b) => a.issuedAt - b.issuedAt || compareArrival(a, b));
  }

  /** Windows must point at the called/serving ticket they hold, whatever the snapshot said. */
  private reconcileWindows(): void {
    const current = new Map<string, string>();
    for (const t of this.tickets.values()) {
      if ((t.state === 'called' || t.state === 'serving') && t.windowId !== null) current.set(t.windowId, t.id);
    }
    for (const [id, ws] of this.windows) {
      const ticketId = current.get(id) ?? null;
      if (ws.currentTicketId !== ticketId) this.windows.set(id, { ...ws, currentTicketId: ticketId });
    }
    for (const [windowId, ticketId] of current) {
      if (!this.windows.has(windowId)) this.windows.set(windowId, { ...closedWindow(windowId), currentTicketId: ticketId });
    }
  }

  private issuedOn(categoryId: string, now: number): number {
    // A query about a later day than the engine's sees that day's fresh counters.
    if (hallDayOf(now, this.config.settings.timeZone) > this.day) return 0;
    return this.counters.get(categoryId) ?? 0;
  }

  private openWindowsServing(categoryId: string): number {
    let n = 0;
    for (const id of this.servingWindows.get(categoryId) ?? []) if (this.windows.get(id)?.status === 'open') n++;
    return n;
  }

  /** Every ticket W may be given (for the clerk's queue view). */
  private *candidates(windowId: string): Iterable<Ticket> {
    const targeted = this.waitingByWindow.get(windowId);
    if (targeted) yield* targeted.values();
    for (const categoryId of this.weights.get(windowId)?.keys() ?? []) {
      const queue = this.waitingByCategory.get(categoryId);
      if (queue) yield* queue.values();
    }
  }

  /** The few tickets among which W's next pick must be (see CategoryQueue.contenders). */
  private contenders(windowId: string): Ticket[] {
    const out: Ticket[] = [];
    const targeted = this.waitingByWindow.get(windowId);
    if (targeted) for (const t of targeted.values()) out.push(t);
    for (const categoryId of this.weights.get(windowId)?.keys() ?? []) this.waitingByCategory.get(categoryId)?.addContenders(out);
    return out;
  }

  private selectionContext(state: WindowState, now: number): SelectionContext {
    return {
      windowId: state.windowId,
      weights: this.weights.get(state.windowId) ?? new Map(),
      now,
      priorityStreak: state.priorityStreak,
      priorityStreakLimit: this.config.settings.priorityStreak,
      appointmentLateMinutes: this.config.settings.appointmentLateMinutes,
    };
  }

  private select(state: WindowState, now: number): Selection | undefined {
    return selectNext(this.contenders(state.windowId), this.selectionContext(state, now));
  }

  private windowOrFail(windowId: string): WindowState {
    const state = this.windows.get(windowId);
    if (!state) fail('WINDOW_NOT_FOUND', { windowId });
    return state;
  }

  /** A signed-in window; paused ones only for actions that close or release the current ticket. */
  private activeWindow(windowId: string, allowPaused: boolean): WindowState {
    const state = this.windowOrFail(windowId);
    if (state.status === 'closed' || (state.status === 'paused' && !allowPaused)) fail('WINDOW_NOT_OPEN', { windowId, status: state.status });
    return state;
  }

  /** A window that may take a new ticket: configured, enabled and open. */
  private callingWindow(windowId: string): WindowState {
    if (this.windowConfigs.get(windowId)?.enabled !== true) fail('WINDOW_NOT_FOUND', { windowId });
    return this.activeWindow(windowId, false);
  }

  private ticketOrFail(ticketId: string): Ticket {
    const ticket = this.tickets.get(ticketId);
    if (!ticket) fail('TICKET_NOT_FOUND', { ticketId });
    return ticket;
  }

  private currentOrFail(state: WindowState): Ticket {
    const ticket = state.currentTicketId === null ? undefined : this.tickets.get(state.currentTicketId);
    if (!ticket) fail('TICKET_NOT_FOUND', { windowId: state.windowId });
    return ticket;
  }

  /**
   * Validates closing the window's current ticket and returns the change to apply later, so
   * that a compound command (finish + call) checks everything before changing anything.
   * Without a choice, an open ticket blocks the command (never closed silently).
   */
  private planClose(
    state: WindowState,
    choice: CloseChoice | undefined,
    required = false,
  ): ((now: number, actor: Actor) => DomainEvent[]) | undefined {
    const ticket = state.currentTicketId === null ? undefined : this.tickets.get(state.currentTicketId);
    if (!ticket) {
      if (required) fail('TICKET_NOT_FOUND', { windowId: state.windowId });
      return undefined;
    }
    if (!choice) fail('TICKET_OPEN', { ticketId: ticket.id });
    if (choice === 'finish' && ticket.state !== 'called' && ticket.state !== 'serving') fail('INVALID_TRANSITION', { ticketId: ticket.id, state: ticket.state });
    if (choice === 'no_show' && ticket.state !== 'called') fail('INVALID_TRANSITION', { ticketId: ticket.id, state: ticket.state });
    const windowId = state.windowId;
    return (now, actor) => {
      const ws = this.windowOrFail(windowId);
      const window: WindowState = { ...ws, currentTicketId: null };
      this.windows.set(windowId, window);
      if (choice === 'no_show') {
        const next: Ticket = { ...ticket, state: 'no_show' };
        this.putTicket(next);
        return [this.event('ticket:noShow', now, actor, { ticket: next, window })];
      }
      const next: Ticket = { ...ticket, state: 'finished', finishedAt: now };
      const minutes = serviceMinutes(ticket, now);
      if (minutes !== null) this.recent.set(ticket.categoryId, pushRecent(this.recent.get(ticket.categoryId), minutes));
      this.putTicket(next);
      return [this.event('ticket:finished', now, actor, { ticket: next, window, detail: { serviceMinutes: minutes } })];
    };
  }

  private callTicketAt(windowId: string, ticket: Ticket, now: number, actor: Actor, streak: number, detail: Record<string, unknown>): DomainEvent {
    const next: Ticket = { ...ticket, state: 'called', windowId, calledAt: now, startedAt: null, recallCount: 0 };
    this.putTicket(next);
    const window: WindowState = { ...this.windowOrFail(windowId), currentTicketId: next.id, priorityStreak: streak };
    this.windows.set(windowId, window);
    return this.event('ticket:called', now, actor, { ticket: next, window, detail });
  }

  private event(
    type: DomainEventType,
    at: number,
    actor: Actor,
    parts: { ticket?: Ticket | undefined; window?: WindowState | undefined; detail?: Record<string, unknown> },
  ): DomainEvent {
    const e: DomainEvent = { type, at, actor, hallDay: this.day };
    if (parts.ticket) e.ticket = parts.ticket;
    if (parts.window) e.window = parts.window;
    if (parts.detail) e.detail = parts.detail;
    return e;
  }
}
