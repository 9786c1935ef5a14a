// The on-screen keypad for lengths in metres (digits and a decimal point).
import { lengthKey } from './view-model.ts';
import { messages } from '../messages.ts';

const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '.', '0', 'back'] as const;

export function LengthPad({ value, onChange, onDone, onCancel }: { value: string; onChange: (v: string) => void; onDone?: () => void; onCancel?: () => void }) {
  return (
    <div class="length-pad" data-testid="length-pad">
      <div class="keypad">
        {keys.map((key) => (
          <button key={key} type="button" class={`keypad-key key-${key === '.' ? 'dot' : key}`} data-key={key} aria-label={key === 'back' ? messages.common.backspace : undefined} onClick={() => onChange(lengthKey(value, key))}>
            {key === 'back' ? '⌫' : key}
          </button>
        ))}
      </div>
      {(onDone || onCancel) && (
        <div class="length-pad-actions">
          {onCancel && (
            <button type="button" class="secondary-button" onClick={onCancel}>
              {messages.common.cancel}
            </button>
          )}
          {onDone && (
            <button type="button" class="primary-button" data-testid="length-done" onClick={onDone}>
              {messages.common.ok}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
