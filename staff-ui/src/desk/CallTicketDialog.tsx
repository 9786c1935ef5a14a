import { useSignal } from '@preact/signals';
import { messages } from '../messages.ts';
import type { CloseChoice } from './desk-model.ts';
import { Dialog } from './Dialog.tsx';

const m = messages.callTicket;

interface Props {
  ticketNumber: string;
  /** The ticket still open at the window, which must be closed first. */
  currentNumber: string | null;
  busy: boolean;
  error: string | null;
  onCall: (reason: string, closeCurrent?: CloseChoice) => void;
  onCancel: () => void;
}

/** Calling out of order is audited, so it asks why; with a ticket still open it closes it first. */
export function CallTicketDialog({ ticketNumber, currentNumber, busy, error, onCall, onCancel }: Props) {
  const reason = useSignal('');
  const ready = reason.value.trim() !== '' && !busy;
  return (
    <Dialog title={m.title(ticketNumber)} onCancel={onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready && !currentNumber) onCall(reason.value.trim());
        }}
      >
        <p>{m.text}</p>
        <div class="reason-chips">
          {m.reasons.map((r) => (
            <button key={r} type="button" class={`chip ${reason.value === r ? 'selected' : ''}`} onClick={() => (reason.value = r)}>
              {r}
            </button>
          ))}
        </div>
        <label class="field">
          {m.reason}
          <input name="reason" maxLength={100} value={reason.value} onInput={(e) => (reason.value = e.currentTarget.value)} autoFocus />
        </label>
        {error && <p class="error-text">{error}</p>}
        <div class="dialog-actions">
          {currentNumber ? (
            <>
              <button type="button" class="action good" disabled={!ready} onClick={() => onCall(reason.value.trim(), 'finish')}>
                {m.finishFirst}
              </button>
              <button type="button" class="action warn" disabled={!ready} onClick={() => onCall(reason.value.trim(), 'no_show')}>
                {m.noShowFirst}
              </button>
            </>
          ) : (
            <button type="submit" class="action primary" disabled={!ready}>
              {m.submit}
            </button>
          )}
          <button type="button" class="action quiet" onClick={onCancel}>
            {messages.actions.cancel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
