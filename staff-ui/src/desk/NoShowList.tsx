import type { TicketView } from '@hall/common/domain';
import { messages } from '../messages.ts';

/** Today's no-shows at this window: a citizen who turns up late is put back in the queue. */
export function NoShowList({ tickets, busy, onReactivate }: { tickets: TicketView[]; busy: boolean; onReactivate: (ticketId: string) => void }) {
  if (tickets.length === 0) return null;
  return (
    <div class="panel">
      <h2>{messages.noShows.title}</h2>
      <ul class="ticket-list">
        {tickets.map((t) => (
          <li key={t.id}>
            <span class="list-number">{t.number}</span>
            <button type="button" class="action small" disabled={busy} onClick={() => onReactivate(t.id)}>
              {messages.actions.reactivate}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
