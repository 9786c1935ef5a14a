// Turns the engine's internal tickets and events into what clients may see: no personal
// keys, no public tokens, no internal serials.
import type { TicketView } from '@hall/common/domain';
import type { HallEvent } from '@hall/common/events';
import type { DomainEvent, Ticket } from '../queue/types.ts';

export function toTicketView(t: Ticket): TicketView {
  return {
    id: t.id,
    number: t.number,
    hallDay: t.hallDay,
    categoryId: t.categoryId,
    state: t.state,
    issuedAt: t.issuedAt,
    arrivalAt: t.arrivalAt,
    queueAt: t.queueAt,
    priority: t.priority,
    appointment: t.appointment,
    targetWindowId: t.targetWindowId,
    windowId: t.windowId,
    calledAt: t.calledAt,
    startedAt: t.startedAt,
    finishedAt: t.finishedAt,
    recallCount: t.recallCount,
    transfers: t.transfers,
  };
}

export function toHallEvent(e: DomainEvent, seq: number, windowNumber: number | undefined): HallEvent {
  const event: HallEvent = { seq, type: e.type, at: e.at, hallDay: e.hallDay, actor: e.actor, stats: [] };
  if (e.ticket) event.ticket = toTicketView(e.ticket);
  if (e.window) event.window = e.window;
  if (windowNumber !== undefined) event.windowNumber = windowNumber;
  if (e.detail) event.detail = e.detail;
  return event;
}
