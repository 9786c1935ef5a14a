import { useSignal } from '@preact/signals';
import { messages } from '../messages.ts';
import { Dialog } from './Dialog.tsx';

const m = messages.pause;

export function PauseDialog({ busy, error, onPause, onCancel }: { busy: boolean; error: string | null; onPause: (reason: string) => void; onCancel: () => void }) {
  const reason = useSignal('');
  return (
    <Dialog title={m.title} onCancel={onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.value.trim()) onPause(reason.value.trim());
        }}
      >
        <div class="reason-chips">
          {m.reasons.map((r) => (
            <button key={r} type="button" class={`chip ${reason.value === r ? 'selected' : ''}`} onClick={() => (reason.value = r)}>
              {r}
            </button>
          ))}
        </div>
        <label class="field">
          {m.reason}
          <input maxLength={40} value={reason.value} onInput={(e) => (reason.value = e.currentTarget.value)} autoFocus />
        </label>
        {error && <p class="error-text">{error}</p>}
        <div class="dialog-actions">
          <button type="submit" class="action primary" disabled={busy || !reason.value.trim()}>
            {messages.actions.pause}
          </button>
          <button type="button" class="action quiet" onClick={onCancel}>
            {messages.actions.cancel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
