// Digit keypads: plain digits (PINs, pairing codes) and the ID-number keypad (digits and X).
import { messages } from '../messages.ts';

export type KeypadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | 'X' | 'clear' | 'back';

export function Keypad({ onKey, withX = false }: { onKey: (key: KeypadKey) => void; withX?: boolean }) {
  const keys: KeypadKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', withX ? 'X' : 'clear', '0', 'back'];
  return (
    <div class="keypad">
      {keys.map((key) => (
        <button key={key} type="button" class={`keypad-key key-${key}`} data-key={key} aria-label={key === 'back' ? messages.common.backspace : undefined} onClick={() => onKey(key)}>
          {key === 'clear' ? messages.common.clear : key === 'back' ? '⌫' : key}
        </button>
      ))}
    </div>
  );
}

/** Applies a keypad key to a value of at most `max` characters. */
export function applyKey(value: string, key: KeypadKey, max: number): string {
  if (key === 'clear') return '';
  if (key === 'back') return value.slice(0, -1);
  return value.length < max ? value + key : value;
}
