// What the screen above one window shows (the LED strip's content), from the hall state.
//
// A held ticket (挂起: the citizen went to fetch a document) leaves its window free: the
// engine clears the window's current ticket, and the LED strip goes back to its idle text.
// The window screen says 请稍候 too, but also names the held numbers at this window
// ("A012 暂时挂起"), so a citizen who comes back sees that the number is still kept here; a
// call back makes the ticket the window's current one again and the line goes.
import type { HallState } from '@hall/common/hall-state';
import { ticketOf } from '@hall/common/hall-state';

/** Held numbers named on the screen at most; more are summed up as "…". */
export const HELD_SHOWN = 3;

export type WindowScreenView =
  | { kind: 'unknown' }
  | { kind: 'closed'; windowNumber: number }
  | { kind: 'paused'; windowNumber: number; reason: string; held: HeldLine }
  | { kind: 'idle'; windowNumber: number; held: HeldLine }
  | { kind: 'ticket'; windowNumber: number; number: string; phase: 'called' | 'serving'; held: HeldLine };

/** The tickets held at the window, oldest number first; `more` counts the ones not named. */
export interface HeldLine {
  numbers: string[];
  more: number;
}

export function windowScreenView(state: HallState, windowNumber: number): WindowScreenView {
  const config = state.windows.find((w) => w.number === windowNumber && w.enabled);
  if (!config) return { kind: 'unknown' };
  const live = state.windowStates.find((w) => w.windowId === config.id);
  if (!live || live.status === 'closed') return { kind: 'closed', windowNumber };
  const held = heldLine(state, config.id);
  if (live.status === 'paused') return { kind: 'paused', windowNumber, reason: live.pauseReason ?? '', held };
  const ticket = ticketOf(state, live.currentTicketId);
  if (!ticket || (ticket.state !== 'called' && ticket.state !== 'serving')) return { kind: 'idle', windowNumber, held };
  return { kind: 'ticket', windowNumber, number: ticket.number, phase: ticket.state, held };
}

function heldLine(state: HallState, windowId: string): HeldLine {
  const numbers = state.tickets
    .filter((t) => t.state === 'held' && t.windowId === windowId)
    .sort((a, b) => a.issuedAt - b.issuedAt || (a.number < b.number ? -1 : 1))
    .map((t) => t.number);
  return { numbers: numbers.slice(0, HELD_SHOWN), more: Math.max(0, numbers.length - HELD_SHOWN) };
}
