// One field with the on-screen input that fits it, for any feature's form: digits (phone,
// postcode), ID number (digits and X, checked by the caller), text (full keyboard with
// pinyin phrases), or an address (letters, digits and . : / - _ ? =, as in setup mode's device
// URIs). Tapping the field opens its keyboard; 完成 closes it.
import { useSignal } from '@preact/signals';
import { Keypad, applyKey } from './Keypad.tsx';
import { LazyKeyboard } from './LazyKeyboard.tsx';
import { messages } from '../messages.ts';

export type InputKind = 'text' | 'digits' | 'idNumber' | 'address';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  kind?: InputKind;
  maxLength?: number;
  placeholder?: string;
  testId?: string;
}

export function InputField({ label, value, onChange, kind = 'text', maxLength = kind === 'idNumber' ? 18 : 60, placeholder = '', testId }: Props) {
  const open = useSignal(false);
  return (
    <div class="input-field">
      <span class="field-label">{label}</span>
      <button type="button" class={`search-field ${open.value ? 'editing' : ''}`} data-testid={testId} aria-expanded={open.value} onClick={() => (open.value = !open.value)}>
        {value || <span class="placeholder">{placeholder || '\u00a0'}</span>}
      </button>
      {open.value &&
        (kind === 'text' || kind === 'address' ? (
          <LazyKeyboard value={value} maxLength={maxLength} symbols={kind === 'address'} onChange={onChange} onDone={() => (open.value = false)} />
        ) : (
          <div class="input-keypad">
            <Keypad withX={kind === 'idNumber'} onKey={(key) => onChange(applyKey(value, key, maxLength))} />
            <button type="button" class="primary-button" onClick={() => (open.value = false)}>
              {messages.keyboard.done}
            </button>
          </div>
        ))}
    </div>
  );
}
