import type { TicketView } from '@hall/common/domain';
import { messages } from '../messages.ts';

/** Held tickets of this window, to call back when the citizen returns with the document. */
export function HeldList({ tickets, busy, canCall, onCallBack }: { tickets: TicketView[]; busy: boolean; canCall: boolean; onCallBack: (ticketId: string) => void }) {
  if (tickets.length === 0) return null;
  return (
    <div class="panel">
      <h2>{messages.queue.heldTitle}</h2>
      <ul class="held-list">
        {tickets.map((t) => (
          <li key={t.id}>
            <span class="held-number">{t.number}</span>
            <button type="button" class="action small" disabled={busy || !canCall} onClick={() => onCallBack(t.id)}>
              {messages.actions.callBack}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
