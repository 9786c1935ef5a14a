import { useSignal } from '@preact/signals';
import type { HallState } from '@hall/common/hall-state';
import { messages } from '../messages.ts';
import { Dialog } from './Dialog.tsx';

const m = messages.transfer;

interface Props {
  ticketNumber: string;
  state: HallState;
  fromWindowId: string;
  busy: boolean;
  error: string | null;
  onTransfer: (target: { toCategoryId?: string; toWindowId?: string }, note: string) => void;
  onCancel: () => void;
}

/** Send the ticket, keeping its number, to another category's queue or to one window. */
export function TransferDialog({ ticketNumber, state, fromWindowId, busy, error, onTransfer, onCancel }: Props) {
  const target = useSignal<{ toCategoryId?: string; toWindowId?: string } | null>(null);
  const note = useSignal('');
  const categories = state.categories.filter((c) => c.enabled);
  const windows = state.windows.filter((w) => w.enabled && w.id !== fromWindowId).sort((a, b) => a.number - b.number);
  const selected = target.value;
  return (
    <Dialog title={m.title(ticketNumber)} onCancel={onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (selected) onTransfer(selected, note.value.trim());
        }}
      >
        <div class="transfer-columns">
          <label class="field">
            {m.toCategory}
            <select
              value={selected?.toCategoryId ?? ''}
              onChange={(e) => (target.value = e.currentTarget.value ? { toCategoryId: e.currentTarget.value } : null)}
            >
              <option value="">—</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.prefix} {c.name}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            {m.toWindow}
            <select value={selected?.toWindowId ?? ''} onChange={(e) => (target.value = e.currentTarget.value ? { toWindowId: e.currentTarget.value } : null)}>
              <option value="">—</option>
              {windows.map((w) => (
                <option key={w.id} value={w.id}>
                  {m.windowName(w.number, w.name)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label class="field">
          {m.note}
          <textarea maxLength={200} rows={3} value={note.value} onInput={(e) => (note.value = e.currentTarget.value)} />
        </label>
        {!selected && <p class="hint">{m.choose}</p>}
        {error && <p class="error-text">{error}</p>}
        <div class="dialog-actions">
          <button type="submit" class="action primary" disabled={busy || !selected}>
            {messages.actions.transfer}
          </button>
          <button type="button" class="action quiet" onClick={onCancel}>
            {messages.actions.cancel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
