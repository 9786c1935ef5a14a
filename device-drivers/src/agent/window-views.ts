// Every window's state as its LED display needs it (open, paused or closed, and the number
// called there), kept from the hall server's snapshot and its sequenced events. Pure: the
// hall link feeds it and passes on what changed. An agent on a hall PC drives the displays of
// many windows, so this follows all of them, not only the agent's own.
import type { HallEvent, HallSnapshot } from '@hall/common/events';

export interface WindowView {
  windowId: string;
  windowNumber: number;
  status: 'closed' | 'open' | 'paused';
  /** The ticket number called or being served at the window. */
  number: string | null;
}

export interface WindowChange {
  view: WindowView;
  /** call and recall are announcements (a display blinks); update is any other change of state. */
  cause: 'call' | 'recall' | 'update';
}

export class WindowViews {
  readonly #views = new Map<string, WindowView>();
  readonly #numbers = new Map<string, number>();
  /** Ticket id → number, for windows whose state names the current ticket by id. */
  readonly #tickets = new Map<string, string>();

  /** Everything from a snapshot; every window is reported (as an update). */
  fromSnapshot(snapshot: HallSnapshot): WindowChange[] {
    this.#views.clear();
    this.#tickets.clear();
    this.#numbers.clear();
    // A server that sends a partial snapshot (an older or a stand-in one) leaves the displays alone.
    const tickets = snapshot.tickets ?? [];
    for (const w of snapshot.windows ?? []) this.#numbers.set(w.id, w.number);
    for (const t of tickets) this.#tickets.set(t.id, t.number);
    const changes: WindowChange[] = [];
    for (const state of snapshot.windowStates ?? []) {
      const windowNumber = this.#numbers.get(state.windowId);
      if (windowNumber === undefined) continue;
      const current = state.currentTicketId ? tickets.find((t) => t.id === state.currentTicketId) : undefined;
      const live = current && (current.state === 'called' || current.state === 'serving');
      const view: WindowView = { windowId: state.windowId, windowNumber, status: state.status, number: live ? current.number : null };
      this.#views.set(state.windowId, view);
      changes.push({ view, cause: 'update' });
    }
    return changes;
  }

  /** What one event changed, if anything. */
  apply(event: HallEvent): WindowChange[] {
    const ticket = event.ticket;
    if (ticket) this.#tickets.set(ticket.id, ticket.number);
    const windowId = event.window?.windowId ?? (event.type === 'ticket:called' || event.type === 'ticket:recalled' ? ticket?.windowId : undefined);
    if (!windowId) return [];
    if (event.windowNumber !== undefined) this.#numbers.set(windowId, event.windowNumber);
    const windowNumber = this.#numbers.get(windowId);
    if (windowNumber === undefined) return [];
    const known = this.#views.get(windowId);
    const before = known ?? { windowId, windowNumber, status: 'closed' as const, number: null };
    let next: WindowView = { ...before, windowNumber };
    if (event.window) {
      const current = event.window.currentTicketId;
      next = { ...next, status: event.window.status, number: current === null ? null : (this.#tickets.get(current) ?? (ticket?.id === current ? ticket.number : null)) };
    }
    if ((event.type === 'ticket:called' || event.type === 'ticket:recalled') && ticket) {
      next = { ...next, number: ticket.number };
      this.#views.set(windowId, next);
      return [{ view: next, cause: event.type === 'ticket:called' ? 'call' : 'recall' }];
    }
    this.#views.set(windowId, next);
    if (known && next.status === before.status && next.number === before.number && next.windowNumber === before.windowNumber) return [];
    return [{ view: next, cause: 'update' }];
  }

  view(windowId: string): WindowView | undefined {
    return this.#views.get(windowId);
  }
}
