// What the screen above one window shows (the LED strip's content), from the hall state.
import type { HallState } from '@hall/common/hall-state';
import { ticketOf } from '@hall/common/hall-state';

export type WindowScreenView =
  | { kind: 'unknown' }
  | { kind: 'closed'; windowNumber: number }
  | { kind: 'paused'; windowNumber: number; reason: string }
  | { kind: 'idle'; windowNumber: number }
  | { kind: 'ticket'; windowNumber: number; number: string; phase: 'called' | 'serving' | 'held' };

export function windowScreenView(state: HallState, windowNumber: number): WindowScreenView {
  const config = state.windows.find((w) => w.number === windowNumber && w.enabled);
  if (!config) return { kind: 'unknown' };
  const live = state.windowStates.find((w) => w.windowId === config.id);
  if (!live || live.status === 'closed') return { kind: 'closed', windowNumber };
  if (live.status === 'paused') return { kind: 'paused', windowNumber, reason: live.pauseReason ?? '' };
  const ticket = ticketOf(state, live.currentTicketId);
  if (!ticket || (ticket.state !== 'called' && ticket.state !== 'serving' && ticket.state !== 'held')) return { kind: 'idle', windowNumber };
  return { kind: 'ticket', windowNumber, number: ticket.number, phase: ticket.state };
}
