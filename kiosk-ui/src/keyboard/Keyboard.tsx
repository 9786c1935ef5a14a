// The full on-screen keyboard: digits, letters (大写: one-shot shift, double tap locks), and
// pinyin input with phrase candidates. Loaded lazily (see LazyKeyboard.tsx) with its dictionary.
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { messages } from '../messages.ts';
import { loadPinyinEngine } from './dictionary.ts';
import type { PinyinEngine } from './pinyin-engine.ts';
import { keyLabel, shiftOff, tapShift, typeKey, type Shift } from './shift.ts';
import './keyboard.css';

const k = messages.keyboard;
const rows = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

export interface KeyboardProps {
  value: string;
  onChange: (value: string) => void;
  onDone?: () => void;
  maxLength?: number;
  /** Letters typed but not yet turned into characters: a search can use them as they are. */
  onComposing?: (letters: string) => void;
  /** A row of . : / - _ ? = for addresses (setup mode). */
  symbols?: boolean;
}

export default function Keyboard({ value, onChange, onDone, onComposing, maxLength = 60, symbols = false }: KeyboardProps) {
  const mode = useSignal<'pinyin' | 'english'>(symbols ? 'english' : 'pinyin');
  const buffer = useSignal('');
  const shift = useSignal<Shift>(shiftOff);
  const engine = useSignal<PinyinEngine | null>(null);
  useEffect(() => {
    let live = true;
    void loadPinyinEngine().then((e) => live && (engine.value = e));
    return () => void (live = false);
  }, []);

  const composing = buffer.value;
  useEffect(() => onComposing?.(composing), [composing, onComposing]);
  // Closing the keyboard ends the composition (its letters were committed by 完成).
  useEffect(() => () => onComposing?.(''), [onComposing]);
  const candidates = useMemo(() => (engine.value && composing ? engine.value.candidates(composing, 30) : []), [engine.value, composing]);

  const put = (text: string) => onChange((value + text).slice(0, maxLength));

  function letter(c: string) {
    const typed = typeKey({ value, composing }, c, mode.value, shift.value, maxLength);
    shift.value = typed.shift;
    buffer.value = typed.typing.composing;
    if (typed.typing.value !== value) onChange(typed.typing.value);
  }
  function choose(word: string, consumed: number) {
    put(word);
    buffer.value = composing.slice(consumed);
  }
  function backspace() {
    if (composing) buffer.value = composing.slice(0, -1);
    else onChange([...value].slice(0, -1).join(''));
  }
  function space() {
    const first = candidates[0];
    if (composing && first) choose(first.word, first.consumed);
    else if (!composing) put(' ');
  }
  function done() {
    // Letters not turned into characters are kept as typed, not lost.
    if (composing) put(composing);
    buffer.value = '';
    onDone?.();
  }

  return (
    <div class="keyboard" data-testid="keyboard">
      <div class="keyboard-compose">
        <span class="keyboard-buffer">{composing}</span>
        <div class="keyboard-candidates">
          {composing && !engine.value && <span class="keyboard-loading">{k.loading}</span>}
          {candidates.map((c) => (
            <button key={c.word} type="button" class="candidate" onClick={() => choose(c.word, c.consumed)}>
              {c.word}
            </button>
          ))}
        </div>
      </div>
      {(symbols ? [...rows, '.:/-_?='] : rows).map((row) => (
        <div key={row} class="keyboard-row">
          {row === 'zxcvbnm' && <ShiftKey shift={shift.value} onTap={(at) => (shift.value = tapShift(shift.value, at))} />}
          {[...row].map((c) => (
            <button key={c} type="button" class="key" data-key={c} onClick={() => letter(c)}>
              {keyLabel(c, shift.value)}
            </button>
          ))}
          {row === 'zxcvbnm' && (
            <button type="button" class="key key-wide" aria-label={messages.common.backspace} onClick={backspace}>
              ⌫
            </button>
          )}
        </div>
      ))}
      <div class="keyboard-row">
        <button
          type="button"
          class="key key-wide"
          onClick={() => {
            if (composing) put(composing);
            buffer.value = '';
            mode.value = mode.value === 'pinyin' ? 'english' : 'pinyin';
          }}
        >
          {mode.value === 'pinyin' ? k.pinyin : k.english}
        </button>
        <button type="button" class="key key-space" onClick={space}>
          {k.space}
        </button>
        <button type="button" class="key key-wide key-done" onClick={done}>
          {k.done}
        </button>
      </div>
    </div>
  );
}

/** 大写: an arrow, filled while the next letter is a capital, with a bar under it while locked. */
function ShiftKey({ shift, onTap }: { shift: Shift; onTap: (at: number) => void }) {
  const state = shift.state;
  return (
    <button
      type="button"
      class={`key key-wide key-shift shift-${state}`}
      data-shift={state}
      aria-pressed={state !== 'off'}
      aria-label={state === 'locked' ? k.capsLock : k.shift}
      onClick={(event) => onTap(event.timeStamp)}
    >
      <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
        <path d="M12 3 3 12h5v5h8v-5h5z" fill={state === 'off' ? 'none' : 'currentColor'} stroke="currentColor" stroke-width="2" stroke-linejoin="round" />
        {state === 'locked' && <rect x="8" y="19.5" width="8" height="2.5" fill="currentColor" />}
      </svg>
      <span class="key-shift-text">{k.shift}</span>
    </button>
  );
}
