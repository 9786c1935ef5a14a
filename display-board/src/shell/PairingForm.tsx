import { useSignal } from '@preact/signals';
import { messages } from '../messages.ts';
import { pairDevice, PAIRING_CODE } from '@hall/ui-kit/pairing.ts';

const m = messages.pairing;

/** Shown when the server says this board is not paired: code → token → reconnect. */
export function PairingForm({ reason, onPaired }: { reason: string; onPaired: (token: string) => void }) {
  const code = useSignal('');
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    busy.value = true;
    error.value = null;
    const outcome = await pairDevice(code.value.trim());
    busy.value = false;
    if (outcome.ok) onPaired(outcome.result.token);
    else error.value = outcome.message;
  }

  return (
    <form class="pairing" onSubmit={submit}>
      <h1>{m.title}</h1>
      <p class="pairing-reason">{reason}</p>
      <p>{m.intro}</p>
      <label>
        {m.codeLabel}
        <input
          class="pairing-input"
          inputMode="numeric"
          autoComplete="off"
          maxLength={8}
          value={code.value}
          onInput={(e) => (code.value = e.currentTarget.value.replace(/\D/g, ''))}
        />
      </label>
      {error.value && <p class="error-text">{error.value}</p>}
      <button type="submit" disabled={busy.value || !PAIRING_CODE.test(code.value)}>
        {busy.value ? m.pairing : m.submit}
      </button>
    </form>
  );
}
