import { describe, expect, it } from 'vitest';
import { DOUBLE_TAP_MS, MAX_COMPOSING, keyLabel, shiftOff, tapShift, typeKey, type Shift, type Typing } from './shift.ts';

/** Taps the keys in order (a number is a tap on 大写 at that time), from an empty field. */
function tap(keys: Array<string | number>, mode: 'pinyin' | 'english', start: Typing = { value: '', composing: '' }, maxLength = 60) {
  let typing = start;
  let shift: Shift = shiftOff;
  for (const key of keys) {
    if (typeof key === 'number') shift = tapShift(shift, key);
    else ({ typing, shift } = typeKey(typing, key, mode, shift, maxLength));
  }
  return { ...typing, shift: shift.state };
}

describe('大写', () => {
  it('one tap capitalises the next letter only', () => {
    expect(tap([1000, 'x', 'c', '2'], 'english')).toEqual({ value: 'Xc2', composing: '', shift: 'off' });
  });

  it('a digit does not use up the one-shot shift', () => {
    expect(tap([1000, '2', 'a', 'b'], 'english')).toEqual({ value: '2Ab', composing: '', shift: 'off' });
  });

  it('a second tap soon after locks capitals until 大写 is tapped again', () => {
    expect(tap([1000, 1000 + DOUBLE_TAP_MS, 'x', 'c', '2', 'e', 'f'], 'english')).toEqual({ value: 'XC2EF', composing: '', shift: 'locked' });
    expect(tap([1000, 1200, 'x', 'c', 5000, 'd'], 'english')).toEqual({ value: 'XCd', composing: '', shift: 'off' });
  });

  it('a second tap later only lets go of the one-shot shift', () => {
    expect(tap([1000, 1001 + DOUBLE_TAP_MS, 'a'], 'english')).toEqual({ value: 'a', composing: '', shift: 'off' });
    // …and a third starts afresh: one shot again.
    expect(tap([1000, 5000, 5100, 'a', 'b'], 'english')).toEqual({ value: 'Ab', composing: '', shift: 'off' });
  });

  it('the letter keys show what they will type; digits and symbols never change', () => {
    const once = tapShift(shiftOff, 0);
    expect(['q', '1', '.', '_'].map((k) => keyLabel(k, once))).toEqual(['Q', '1', '.', '_']);
    expect(keyLabel('q', shiftOff)).toBe('q');
    expect(keyLabel('q', tapShift(once, 10))).toBe('Q');
  });
});

describe('pinyin mode keeps spelling syllables', () => {
  it('lower-case letters compose, as before', () => {
    expect(tap(['w', 'a', 'n', 'g'], 'pinyin')).toEqual({ value: '', composing: 'wang', shift: 'off' });
  });

  it('a capital goes into the text, after the letters being composed (kept as typed)', () => {
    expect(tap([1000, 'a'], 'pinyin', { value: '幸福小区', composing: '' })).toEqual({ value: '幸福小区A', composing: '', shift: 'off' });
    expect(tap(['z', 'u', 'o', 1000, 'b'], 'pinyin', { value: '', composing: '' })).toEqual({ value: 'zuoB', composing: '', shift: 'off' });
    // The one-shot shift is spent: the next letters spell pinyin again.
    expect(tap([1000, 'a', 'z', 'u', 'o'], 'pinyin')).toEqual({ value: 'A', composing: 'zuo', shift: 'off' });
  });

  it('with capitals locked nothing composes', () => {
    expect(tap([0, 100, 'e', 't', 'c'], 'pinyin')).toEqual({ value: 'ETC', composing: '', shift: 'locked' });
  });

  it('a composition at its longest takes further letters as typed; the field’s length holds', () => {
    const long = 'a'.repeat(MAX_COMPOSING);
    expect(tap(['b'], 'pinyin', { value: '', composing: long })).toEqual({ value: 'b', composing: long, shift: 'off' });
    expect(tap([0, 'x', 'y'], 'english', { value: '1234', composing: '' }, 5)).toEqual({ value: '1234X', composing: '', shift: 'off' });
  });
});
