import { useSignal } from '@preact/signals';
import { messages } from '../messages.ts';
import { pairDevice } from '@hall/ui-kit/pairing.ts';
import { Keypad, applyKey } from '../keyboard/Keypad.tsx';

const m = messages.pairing;

/** Shown when the server says this kiosk is not paired: code → token → reconnect. */
export function PairingForm({ reason, onPaired }: { reason: string; onPaired: (token: string) => void }) {
  const code = useSignal('');
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);

  async function submit() {
    busy.value = true;
    error.value = null;
    const outcome = await pairDevice(code.value);
    busy.value = false;
    if (outcome.ok) onPaired(outcome.result.token);
    else error.value = outcome.message;
  }

  return (
    <section class="pairing">
      <h2>{m.title}</h2>
      <p class="pairing-reason">{reason}</p>
      <p>{m.intro}</p>
      <label class="pairing-label">{m.codeLabel}</label>
      <output class="pairing-code">{code.value || '\u00a0'}</output>
      <Keypad onKey={(key) => (code.value = applyKey(code.value, key, 8))} />
      {error.value && <p class="error-text">{error.value}</p>}
      <button type="button" class="primary-button" disabled={busy.value || code.value.length < 6} onClick={submit}>
        {busy.value ? m.pairing : m.submit}
      </button>
    </section>
  );
}
