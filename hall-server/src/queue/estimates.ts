// What the citizen is told: people ahead and the estimated wait (queue-rules.md, "Estimates").
import type { Ticket } from './types.ts';
import { compareArrival, isAppointmentActive } from './selection.ts';

/** Finished services remembered per category for the average. */
export const RECENT_SERVICE_COUNT = 20;

/**
 * The order of one category's queue as a citizen sees it: active appointments (by slot), then
 * the priority lane, then arrival. Window weights are left out on purpose: they differ per
 * window, and a citizen's place should not jump with whichever window calls next.
 */
export function compareInCategory(a: Ticket, b: Ticket, now: number, appointmentLateMinutes: number): number {
  const activeA = isAppointmentActive(a, now, appointmentLateMinutes);
  const activeB = isAppointmentActive(b, now, appointmentLateMinutes);
  if (activeA !== activeB) return activeA ? -1 : 1;
  if (activeA && activeB) {
    const slotA = a.appointment?.slotStart ?? 0;
    const slotB = b.appointment?.slotStart ?? 0;
    if (slotA !== slotB) return slotA - slotB;
  }
  if (a.priority !== b.priority) return a.priority ? -1 : 1;
  return compareArrival(a, b);
}

/** How many of `queue` come before `ticket` (the ticket itself is skipped). */
export function countAhead(ticket: Ticket, queue: Iterable<Ticket>, now: number, appointmentLateMinutes: number): number {
  let ahead = 0;
  for (const other of queue) {
    if (other.id !== ticket.id && compareInCategory(other, ticket, now, appointmentLateMinutes) < 0) ahead++;
  }
  return ahead;
}

/** Mean of the recent durations, else the configured default. */
export function averageServiceMinutes(recent: readonly number[] | undefined, defaultMinutes: number): number {
  if (!recent || recent.length === 0) return defaultMinutes;
  let sum = 0;
  for (const m of recent) sum += m;
  return sum / recent.length;
}

/**
 * Whole minutes (rounded up, so a citizen is not promised less than the arithmetic says);
 * null when no open window serves the category, because then no honest number exists.
 */
export function estimateWaitMinutes(peopleAhead: number, averageMinutes: number, openWindows: number): number | null {
  if (openWindows <= 0) return null;
  return Math.ceil((peopleAhead * averageMinutes) / openWindows);
}

/** The ring of the last RECENT_SERVICE_COUNT durations, as a new array (oldest first). */
export function pushRecent(recent: readonly number[] | undefined, minutes: number): number[] {
  const next = [...(recent ?? []), minutes];
  return next.length > RECENT_SERVICE_COUNT ? next.slice(next.length - RECENT_SERVICE_COUNT) : next;
}
