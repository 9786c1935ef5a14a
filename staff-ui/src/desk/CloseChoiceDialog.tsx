import { messages } from '../messages.ts';
import type { CloseChoice } from './desk-model.ts';
import { Dialog } from './Dialog.tsx';

const m = messages.closeChoice;

export function CloseChoiceDialog({ ticketNumber, busy, onChoose, onCancel }: { ticketNumber: string; busy: boolean; onChoose: (choice: CloseChoice) => void; onCancel: () => void }) {
  return (
    <Dialog title={m.title} onCancel={onCancel}>
      <p>{m.text(ticketNumber)}</p>
      <div class="dialog-actions">
        <button type="button" class="action good" disabled={busy} onClick={() => onChoose('finish')} autoFocus>
          {m.finish}
        </button>
        <button type="button" class="action warn" disabled={busy} onClick={() => onChoose('no_show')}>
          {m.noShow}
        </button>
        <button type="button" class="action quiet" onClick={onCancel}>
          {messages.actions.cancel}
        </button>
      </div>
    </Dialog>
  );
}
