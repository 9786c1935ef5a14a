// What the buttons mean. Keypad codes follow the one public protocol; evaluators differ by
// model, so each model has its own table onto the five 好差评 levels.
import type { KeypadAction, RatingLevel } from '@hall/common/agent';

const CONFIRM = 0x0f;

/** Single keys: the code is the last data byte. */
const singleKeys: Readonly<Record<number, KeypadAction>> = {
  0x0c: 'callNext',
  0x0d: 'recall',
  0x0b: 'askRating',
  0x12: 'pause',
  0x13: 'transfer',
};

/** A digit followed by the confirm key. */
const confirmedDigits: Readonly<Record<number, KeypadAction>> = {
  0x06: 'noShow',
  0x00: 'hold',
  0x03: 'callBack',
};

/** The hall action a keypad frame's data stands for, or null for keys we do not use. */
export function keypadAction(data: Uint8Array): KeypadAction | null {
  const last = data[data.length - 1];
  if (last === undefined) return null;
  if (last === CONFIRM) {
    const digit = data[data.length - 2];
    return digit === undefined ? null : (confirmedDigits[digit] ?? null);
  }
  return singleKeys[last] ?? null;
}

/** The data bytes a keypad sends for an action (simulators and tests). */
export function keypadKeyData(action: KeypadAction): Uint8Array {
  for (const [code, a] of Object.entries(singleKeys)) if (a === action) return Uint8Array.of(Number(code));
  for (const [digit, a] of Object.entries(confirmedDigits)) if (a === action) return Uint8Array.of(Number(digit), CONFIRM);
  throw new Error(`no key for ${action}`);
}

export const evaluatorModels = {
  /** Five buttons, best on the left: 非常满意 满意 基本满意 不满意 非常不满意. */
  'five-key': { 0x01: 'very_satisfied', 0x02: 'satisfied', 0x03: 'basically_satisfied', 0x04: 'dissatisfied', 0x05: 'very_dissatisfied' },
  /** Older three-button boxes: 满意 基本满意 不满意. */
  'three-key': { 0x01: 'satisfied', 0x02: 'basically_satisfied', 0x03: 'dissatisfied' },
  /** Four buttons numbered from the worst: 非常不满意 不满意 满意 非常满意. */
  'four-key-reversed': { 0x01: 'very_dissatisfied', 0x02: 'dissatisfied', 0x03: 'satisfied', 0x04: 'very_satisfied' },
} as const satisfies Record<string, Readonly<Record<number, RatingLevel>>>;

export type EvaluatorModel = keyof typeof evaluatorModels;

export function evaluatorRating(model: EvaluatorModel, key: number): RatingLevel | null {
  return (evaluatorModels[model] as Readonly<Record<number, RatingLevel>>)[key] ?? null;
}

export function evaluatorKey(model: EvaluatorModel, rating: RatingLevel): number | null {
  for (const [key, r] of Object.entries(evaluatorModels[model])) if (r === rating) return Number(key);
  return null;
}
