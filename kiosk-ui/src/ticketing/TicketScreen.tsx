import type { IssuedTicket } from '@hall/common/api';
import { messages } from '../messages.ts';
import { formatWait } from './category-view.ts';

const t = messages.ticketing;

/** The ticket on screen: what the slip says, readable from a step back. */
export function TicketScreen({ issued, categoryName, onDone }: { issued: IssuedTicket; categoryName: string; onDone: () => void }) {
  const { slip } = issued;
  return (
    <section class="ticket-screen">
      <h2 class="ticket-title">{t.ticketTitle}</h2>
      {issued.reprint && <p class="ticket-reprint">{t.reprinted}</p>}
      <div class="ticket-card">
        <p class="ticket-label">{t.yourNumber}</p>
        <p class="ticket-number">{issued.ticket.number}</p>
        <p class="ticket-category">{categoryName}</p>
        <div class="ticket-figures">
          <p class="ticket-ahead">{t.peopleAhead(issued.peopleAhead)}</p>
          <p class="ticket-wait">
            {issued.estimatedWaitMinutes === null ? t.waitUnknownLong : `${t.estimatedWait} ${formatWait(issued.estimatedWaitMinutes)}`}
          </p>
        </div>
        {slip.windowHint && <p class="ticket-window-hint">{slip.windowHint}</p>}
        {/* The hall's own notices usually say what to do next; ours only when it has none. */}
        {slip.notices.length === 0 && <p class="ticket-next">{t.nextStep}</p>}
        {slip.notices.map((notice) => (
          <p key={notice} class="ticket-notice">
            {notice}
          </p>
        ))}
        <p class="ticket-qr">
          {t.qrHint}
          <span class="ticket-qr-url">{slip.qrUrl}</span>
        </p>
      </div>
      <button type="button" class="primary-button done-button" onClick={onDone}>
        {t.done}
      </button>
    </section>
  );
}
