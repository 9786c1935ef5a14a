import type { IssuedTicket } from '@hall/common/api';
import { messages } from '../messages.ts';
import { formatWait } from './category-view.ts';
import { QrCode } from './QrCode.tsx';
import type { PrintOutcome } from './ticketing-model.ts';

const t = messages.ticketing;

interface Props {
  issued: IssuedTicket;
  categoryName: string;
  print: PrintOutcome;
  helpText: string | null;
  onHelp: () => void;
  onDone: () => void;
}

/** The ticket on screen: what the slip says, readable from a step back, with the same QR. */
export function TicketScreen({ issued, categoryName, print, helpText, onHelp, onDone }: Props) {
  const { slip } = issued;
  return (
    <section class={`ticket-screen ${print.ok ? 'printed' : 'print-failed'}`}>
      <h2 class="ticket-title">{t.ticketTitle}</h2>
      {issued.reprint && <p class="ticket-reprint">{t.reprinted}</p>}
      {print.ok ? (
        <p class="ticket-printed">{t.printed}</p>
      ) : (
        <div class="print-failed-box" role="alert">
          <p class="print-failed-title">{t.printFailedTitle}</p>
          <p class="print-failed-reason">{print.message}</p>
          <p class="print-failed-text">{t.printFailedText}</p>
        </div>
      )}
      <div class="ticket-card">
        <div class="ticket-main">
          <p class="ticket-label">{t.yourNumber}</p>
          <p class="ticket-number" data-testid="ticket-number">
            {issued.ticket.number}
          </p>
          <p class="ticket-category">{categoryName}</p>
          {issued.ticket.priority && <p class="ticket-priority">{t.priority}</p>}
          <div class="ticket-figures">
            <p class="ticket-ahead">{t.peopleAhead(issued.peopleAhead)}</p>
            <p class="ticket-wait">{issued.estimatedWaitMinutes === null ? t.waitUnknownLong : `${t.estimatedWait} ${formatWait(issued.estimatedWaitMinutes)}`}</p>
          </div>
          {slip.windowHint && <p class="ticket-window-hint">{slip.windowHint}</p>}
          {/* The hall's own notices usually say what to do next; ours only when it has none. */}
          {slip.notices.length === 0 && <p class="ticket-next">{t.nextStep}</p>}
          {slip.notices.map((notice) => (
            <p key={notice} class="ticket-notice">
              {notice}
            </p>
          ))}
        </div>
        <div class="ticket-qr">
          <QrCode text={slip.qrUrl} label={t.qrHint} />
          <p class="ticket-qr-hint">{t.qrHint}</p>
        </div>
      </div>
      <div class="confirm-actions">
        {!print.ok && (
          <button type="button" class="secondary-button help-inline" disabled={helpText !== null} onClick={onHelp}>
            {helpText ?? messages.shell.help}
          </button>
        )}
        <button type="button" class="primary-button done-button" onClick={onDone}>
          {t.done}
        </button>
      </div>
    </section>
  );
}
