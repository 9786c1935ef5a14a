import { messages } from '../messages.ts';
import type { WaitingTicket } from './desk-view.ts';

const m = messages.waiting;

/** The tickets this window could call, each with a button to call it out of order. */
export function WaitingTickets({ tickets, more, canCall, busy, onCall }: { tickets: WaitingTicket[]; more: number; canCall: boolean; busy: boolean; onCall: (ticketId: string, number: string) => void }) {
  return (
    <div class="panel">
      <h2>{m.title}</h2>
      {tickets.length === 0 ? (
        <p class="empty">{m.none}</p>
      ) : (
        <ul class="ticket-list waiting-tickets">
          {tickets.map(({ ticket, waitedMinutes, direct }) => (
            <li key={ticket.id}>
              <span class="list-number">{ticket.number}</span>
              {ticket.priority && <span class="tag priority">{m.priority}</span>}
              {direct && <span class="tag">{m.direct}</span>}
              <span class="list-meta">{m.waited(messages.queue.minutes(waitedMinutes))}</span>
              <button type="button" class="action small" disabled={busy || !canCall} onClick={() => onCall(ticket.id, ticket.number)}>
                {messages.actions.callThis}
              </button>
            </li>
          ))}
        </ul>
      )}
      {more > 0 && <p class="hint">{m.more(more)}</p>}
    </div>
  );
}
