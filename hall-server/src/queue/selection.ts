// Next-ticket selection for one window (queue-rules.md, "Next-ticket selection for window W").
// A pure function over candidates, so that the order can be tested without an engine.
import type { Ticket } from './types.ts';

export type Lane = 'targeted' | 'appointment' | 'priority' | 'normal';

export interface SelectionContext {
  windowId: string;
  /** W's weight per category it serves; a category absent here is not served by W. */
  weights: ReadonlyMap<string, number>;
  now: number;
  /** Consecutive priority-lane calls W has made so far. */
  priorityStreak: number;
  /** settings.priorityStreak: after this many, a waiting normal ticket goes first. */
  priorityStreakLimit: number;
  /** settings.appointmentLateMinutes. */
  appointmentLateMinutes: number;
}

export interface Selection {
  ticket: Ticket;
  lane: Lane;
}

const MINUTE = 60_000;

/** A checked-in appointment whose slot has begun and that checked in within the lateness limit. */
export function isAppointmentActive(ticket: Ticket, now: number, appointmentLateMinutes: number): boolean {
  const a = ticket.appointment;
  return a !== null && a.slotStart <= now && a.checkedInAt <= a.slotStart + appointmentLateMinutes * MINUTE;
}

/** Rule 5 and the final tie-breaks: earlier queue time, lower number, then id (total order). */
export function compareArrival(a: Ticket, b: Ticket): number {
  if (a.queueAt !== b.queueAt) return a.queueAt - b.queueAt;
  if (a.serial !== b.serial) return a.serial - b.serial;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Whether W may ever be given this ticket. */
export function isCandidate(ticket: Ticket, windowId: string, weights: ReadonlyMap<string, number>): boolean {
  if (ticket.state !== 'waiting') return false;
  if (ticket.targetWindowId !== null) return ticket.targetWindowId === windowId;
  return weights.has(ticket.categoryId);
}

export function laneOf(ticket: Ticket, ctx: Pick<SelectionContext, 'windowId' | 'now' | 'appointmentLateMinutes'>): Lane {
  if (ticket.targetWindowId === ctx.windowId) return 'targeted';
  if (isAppointmentActive(ticket, ctx.now, ctx.appointmentLateMinutes)) return 'appointment';
  return ticket.priority ? 'priority' : 'normal';
}

interface Ranked {
  ticket: Ticket;
  targeted: boolean;
  appointment: boolean;
  /** Rule 4 tier: 0 for a positive weight, 1 for weight 0 ("only when nothing else waits"). */
  tier: number;
  score: number;
}

function rank(ticket: Ticket, ctx: SelectionContext): Ranked {
  // A ticket sent to W itself may be of a category W does not serve; it then counts as weight 1.
  const weight = ctx.weights.get(ticket.categoryId) ?? 1;
  return {
    ticket,
    targeted: ticket.targetWindowId === ctx.windowId,
    appointment: isAppointmentActive(ticket, ctx.now, ctx.appointmentLateMinutes),
    tier: weight > 0 ? 0 : 1,
    score: (weight * (ctx.now - ticket.queueAt)) / MINUTE,
  };
}

/**
 * Negative when `a` goes before `b`. `normalFirst` is the priority-streak exception.
 *
 * Weight 0 means "only when nothing else waits", so it is a gate, not a score: a ticket of a
 * weight-0 category, even an appointment or a priority ticket, never goes before a ticket this
 * window weighs positively. A ticket transferred to this window itself always comes first.
 */
function compareRanked(a: Ranked, b: Ranked, normalFirst: boolean): number {
  if (a.targeted !== b.targeted) return a.targeted ? -1 : 1;
  if (a.tier !== b.tier) return a.tier - b.tier;
  if (a.appointment !== b.appointment) return a.appointment ? -1 : 1;
  if (a.appointment && b.appointment) {
    const slotA = a.ticket.appointment?.slotStart ?? 0;
    const slotB = b.ticket.appointment?.slotStart ?? 0;
    if (slotA !== slotB) return slotA - slotB;
  }
  if (a.ticket.priority !== b.ticket.priority) {
    const aFirst = normalFirst ? !a.ticket.priority : a.ticket.priority;
    return aFirst ? -1 : 1;
  }
  if (a.score !== b.score) return b.score - a.score;
  return compareArrival(a.ticket, b.ticket);
}

/** Ranks W's candidates and decides the streak exception within the tier that will be served. */
function rankAll(candidates: Iterable<Ticket>, ctx: SelectionContext): { ranked: Ranked[]; normalFirst: boolean } {
  const ranked: Ranked[] = [];
  for (const ticket of candidates) {
    if (isCandidate(ticket, ctx.windowId, ctx.weights)) ranked.push(rank(ticket, ctx));
  }
  const servedTier = ranked.some((r) => r.tier === 0) ? 0 : 1;
  const normalWaits = ranked.some((r) => r.tier === servedTier && !r.ticket.priority);
  return { ranked, normalFirst: normalWaits && ctx.priorityStreak >= ctx.priorityStreakLimit };
}

/**
 * The ticket W should call next, or undefined when none may be given to it. Tickets W may not
 * receive (targeted elsewhere, categories it does not serve, not waiting) are ignored, so a
 * caller may pass a superset.
 */
export function selectNext(candidates: Iterable<Ticket>, ctx: SelectionContext): Selection | undefined {
  const { ranked, normalFirst } = rankAll(candidates, ctx);
  let best: Ranked | undefined;
  for (const r of ranked) if (!best || compareRanked(r, best, normalFirst) < 0) best = r;
  return best && { ticket: best.ticket, lane: laneOf(best.ticket, ctx) };
}

/** Every candidate in the order W would call them (for tests and the clerk's queue view). */
export function orderForWindow(candidates: Iterable<Ticket>, ctx: SelectionContext): Ticket[] {
  const { ranked, normalFirst } = rankAll(candidates, ctx);
  return ranked.sort((a, b) => compareRanked(a, b, normalFirst)).map((r) => r.ticket);
}
