// The PIN in front of setup mode, with the lockout after repeated wrong PINs.
import { useSignal } from '@preact/signals';
import { messages } from '../messages.ts';
import { Keypad, applyKey } from '../keyboard/Keypad.tsx';
import { afterWrongPin, isLocked, LOCKOUT_KEY, MAX_WRONG_PINS, parseLockout, pinMatches } from '../settings/pin.ts';

const s = messages.setup;

export function SetupPin({ pinHash, onUnlocked, onCancel }: { pinHash: string | null; onUnlocked: () => void; onCancel: () => void }) {
  const pin = useSignal('');
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);

  async function submit() {
    const now = Date.now();
    let lock = parseLockout(localStorage.getItem(LOCKOUT_KEY));
    if (isLocked(lock, now)) {
      error.value = s.pinLocked(Math.ceil((lock.lockedUntil - now) / 60_000));
      pin.value = '';
      return;
    }
    busy.value = true;
    const ok = await pinMatches(pin.value, pinHash);
    busy.value = false;
    pin.value = '';
    if (ok) {
      localStorage.removeItem(LOCKOUT_KEY);
      onUnlocked();
      return;
    }
    lock = afterWrongPin(lock, now);
    localStorage.setItem(LOCKOUT_KEY, JSON.stringify(lock));
    error.value = isLocked(lock, now) ? s.pinLocked(Math.ceil((lock.lockedUntil - now) / 60_000)) : s.pinWrong(MAX_WRONG_PINS - lock.wrong);
  }

  return (
    <section class="setup-pin">
      <h2>{s.pinTitle}</h2>
      <output class="pin-display" data-testid="pin-display">
        {'●'.repeat(pin.value.length) || '\u00a0'}
      </output>
      {error.value && (
        <p class="error-box" role="alert">
          {error.value}
        </p>
      )}
      <Keypad onKey={(key) => (pin.value = applyKey(pin.value, key, 8))} />
      <div class="confirm-actions">
        <button type="button" class="secondary-button" onClick={onCancel}>
          {messages.common.cancel}
        </button>
        <button type="button" class="primary-button" disabled={busy.value || pin.value.length < 6} onClick={() => void submit()}>
          {messages.common.ok}
        </button>
      </div>
    </section>
  );
}
