// On-screen digits: a kiosk has no keyboard.
import { messages } from '../messages.ts';

const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

export function NumericKeypad({ onKey }: { onKey: (key: (typeof keys)[number]) => void }) {
  return (
    <div class="keypad">
      {keys.map((key) => (
        <button key={key} type="button" class={`keypad-key key-${key}`} onClick={() => onKey(key)}>
          {key === 'clear' ? messages.pairing.clear : key === 'back' ? '⌫' : key}
        </button>
      ))}
    </div>
  );
}
