// Capital letters on the on-screen keyboard, as phones do it: one tap on 大写 capitalises the
// next letter and lets go; two taps in quick succession lock capitals until the key is tapped
// again. Pure, with the tap times handed in, so tests need no clock and no DOM.
//
// In pinyin mode lower-case letters still spell syllables; a capital is never part of one: it
// ends the composition (its letters kept as typed, as 完成 and the mode key do) and goes into
// the text itself, e.g. for "A座" or "ETC".

export type ShiftState = 'off' | 'once' | 'locked';

export interface Shift {
  state: ShiftState;
  /** When 大写 was last tapped from off (ms, the tap event's time stamp): the double tap's start. */
  tappedAt: number | null;
}

/** Two taps on 大写 this close together lock capitals. */
export const DOUBLE_TAP_MS = 450;

export const shiftOff: Shift = { state: 'off', tappedAt: null };

export function tapShift(shift: Shift, at: number): Shift {
  switch (shift.state) {
    case 'off':
      return { state: 'once', tappedAt: at };
    case 'once':
      return shift.tappedAt !== null && at - shift.tappedAt <= DOUBLE_TAP_MS ? { state: 'locked', tappedAt: null } : shiftOff;
    case 'locked':
      return shiftOff;
  }
}

/** What a letter key shows (and types) in this state: digits and symbols never change. */
export function keyLabel(key: string, shift: Shift): string {
  return shift.state !== 'off' && /^[a-z]$/.test(key) ? key.toUpperCase() : key;
}

export interface Typing {
  value: string;
  /** Pinyin letters typed but not yet turned into characters. */
  composing: string;
}

/** Longest run of pinyin letters kept for the candidate search; beyond it letters go in as typed. */
export const MAX_COMPOSING = 24;

/** One tap on a key of the letter or digit rows. */
export function typeKey(typing: Typing, key: string, mode: 'pinyin' | 'english', shift: Shift, maxLength: number): { typing: Typing; shift: Shift } {
  const put = (text: string): string => (typing.value + text).slice(0, maxLength);
  if (!/^[a-z]$/.test(key)) return { typing: { ...typing, value: put(key) }, shift };
  const next = shift.state === 'once' ? shiftOff : shift;
  if (shift.state !== 'off') {
    return { typing: { value: put(typing.composing + key.toUpperCase()), composing: '' }, shift: next };
  }
  if (mode === 'pinyin' && typing.composing.length < MAX_COMPOSING) return { typing: { ...typing, composing: typing.composing + key }, shift: next };
  return { typing: { ...typing, value: put(key) }, shift: next };
}
