import type { TicketView } from '@hall/common/domain';
import type { HallState } from '@hall/common/hall-state';
import { formatTimeOfDay, localParts } from '@hall/common/time';
import { messages } from '../messages.ts';
import { ticketHistory } from './desk-view.ts';

const m = messages.desk;

export function CurrentTicket({ ticket, state }: { ticket: TicketView | null; state: HallState }) {
  if (!ticket) {
    return (
      <div class="current-ticket empty">
        <p class="current-label">{m.currentTitle}</p>
        <p class="current-empty">{m.noCurrent}</p>
      </div>
    );
  }
  const category = state.categories.find((c) => c.id === ticket.categoryId);
  const time = (at: number) => formatTimeOfDay(localParts(at, state.settings.timeZone).minutes);
  const calledAt = ticket.calledAt === null ? null : time(ticket.calledAt);
  return (
    <div class={`current-ticket ${ticket.state}`}>
      <p class="current-label">{m.currentTitle}</p>
      <p class="current-number">{ticket.number}</p>
      <p class="current-category">
        {category?.name ?? ticket.categoryId}
        {ticket.priority && <span class="tag priority">{m.priority}</span>}
        {ticket.transfers.length > 0 && <span class="tag">{m.transferredFrom}</span>}
      </p>
      <p class="current-state">{m.ticketState[ticket.state]}</p>
      <p class="current-meta">
        {calledAt && <span>{m.calledAt(calledAt)}</span>}
        <span>{m.recalls(ticket.recallCount, state.settings.recallLimit)}</span>
      </p>
      <ol class="ticket-history">
        {ticketHistory(state, ticket).map((line) => (
          <li key={`${line.kind}@${line.at}`}>
            <span class="history-time">{time(line.at)}</span>
            <span>{line.kind === 'transferred' ? m.history.transferred(line.from ?? '', line.to ?? '', line.note ?? '') : m.history[line.kind]}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
