// LED-485 seven-segment window number displays (窗口屏 on RS-485, Modbus RTU): the register
// map and the character table. Pure: text in, register values out, and back again for the
// simulator. Facts from a public tool for these displays (issue 9); verify on a real unit.

/** Holding registers. 0x00–0x04 take function 06; the text registers from 0x80 take function 16. */
export const LedRegister = {
  /** A signed 16-bit number to show. */
  number: 0x00,
  /** Set the unit id (1–255); the display answers at the new id afterwards. */
  unitId: 0x02,
  /** Set the baud rate by code (ledBaudCodes). */
  baud: 0x03,
  /** Decimal point position. */
  decimalPoint: 0x04,
  /** Up to six characters as segment codes, two per register, first character in the high byte. */
  text: 0x80,
} as const;

/** Most characters the text registers hold. */
export const LED_MAX_CHARS = 6;

export const LED_DEFAULT_BAUD = 9600;
export const LED_DEFAULT_UNIT_ID = 1;

/** Baud rate → the code written to register 0x03. */
export const ledBaudCodes: Readonly<Record<number, number>> = {
  1200: 1,
  2400: 2,
  4800: 3,
  9600: 4,
  19200: 5,
  38400: 6,
  57600: 7,
  115200: 8,
};

/** Segment bits: a 01, b 02, c 04, d 08, e 10, f 20, g 40 (the dash), dp 80. */
export const segmentCodes: Readonly<Record<string, number>> = {
  ' ': 0x00,
  '0': 0x3f,
  '1': 0x06,
  '2': 0x5b,
  '3': 0x4f,
  '4': 0x66,
  '5': 0x6d,
  '6': 0x7d,
  '7': 0x07,
  '8': 0x7f,
  '9': 0x6f,
  A: 0x77,
  B: 0x7c,
  C: 0x39,
  D: 0x5e,
  E: 0x79,
  F: 0x71,
  G: 0x3d,
  H: 0x76,
  I: 0x10,
  J: 0x0e,
  K: 0x7a,
  L: 0x38,
  M: 0x55,
  N: 0x54,
  O: 0x5c,
  P: 0x73,
  Q: 0x67,
  R: 0x50,
  S: 0x64,
  T: 0x78,
  U: 0x3e,
  V: 0x62,
  W: 0x6a,
  X: 0x36,
  Y: 0x6e,
  Z: 0x49,
  '-': 0x40,
};

const charOfCode: ReadonlyMap<number, string> = new Map(Object.entries(segmentCodes).map(([c, code]) => [code, c]));

export class LedCodecError extends RangeError {
  override name = 'LedCodecError';
}

/** Whether every character of `text` can be shown (letters in either case). */
export function isDisplayable(text: string): boolean {
  return [...text.toUpperCase()].every((c) => c in segmentCodes);
}

/**
 * The text as it appears on a display `width` characters wide: upper case, right-aligned, and
 * when too long its last `width` characters (the end of a ticket number is what tells it apart).
 */
export function fitText(text: string, width: number): string {
  if (!Number.isInteger(width) || width < 1 || width > LED_MAX_CHARS) throw new LedCodecError(`display width must be 1–${LED_MAX_CHARS}, not ${width}`);
  const upper = text.toUpperCase();
  return upper.length > width ? upper.slice(-width) : upper.padStart(width, ' ');
}

/** Characters to segment codes; throws LedCodecError naming the first character a display cannot show. */
export function toSegments(text: string): number[] {
  return [...text.toUpperCase()].map((c) => {
    const code = segmentCodes[c];
    if (code === undefined) throw new LedCodecError(`an LED number display cannot show "${c}"`);
    return code;
  });
}

/** Segment codes back to characters; a code not in the table reads as "?" (the decimal point bit is ignored). */
export function fromSegments(codes: readonly number[]): string {
  return codes.map((code) => charOfCode.get(code & 0x7f) ?? '?').join('');
}

/**
 * The values of the text registers (from 0x80) for `text` on a display `width` characters
 * wide: two characters per register, the first in the high byte; an odd width ends in a blank.
 */
export function textRegisters(text: string, width: number): number[] {
  const codes = toSegments(fitText(text, width));
  const registers: number[] = [];
  for (let i = 0; i < codes.length; i += 2) registers.push(((codes[i]! << 8) | (codes[i + 1] ?? 0)) & 0xffff);
  return registers;
}

/** The characters the text registers hold, in order (simulator side). */
export function registersToText(registers: readonly number[]): string {
  return fromSegments(registers.flatMap((r) => [(r >> 8) & 0xff, r & 0xff]));
}

/** A blank display `width` characters wide. */
export function blankRegisters(width: number): number[] {
  return textRegisters('', width);
}

/** A signed 16-bit number as the register's unsigned value. */
export function int16Register(value: number): number {
  if (!Number.isInteger(value) || value < -32768 || value > 32767) throw new LedCodecError(`${value} is not a signed 16-bit number`);
  return value & 0xffff;
}

/** A register value read as a signed 16-bit number. */
export function registerInt16(register: number): number {
  const v = register & 0xffff;
  return v >= 0x8000 ? v - 0x10000 : v;
}

export function baudCode(baud: number): number {
  const code = ledBaudCodes[baud];
  if (code === undefined) throw new LedCodecError(`LED displays take ${Object.keys(ledBaudCodes).join(', ')} baud, not ${baud}`);
  return code;
}

export function baudOfCode(code: number): number | null {
  for (const [baud, c] of Object.entries(ledBaudCodes)) if (c === code) return Number(baud);
  return null;
}

/** Unit ids the displays accept (the device's range; Modbus itself stops at 247). */
export function isUnitId(id: number): boolean {
  return Number.isInteger(id) && id >= 1 && id <= 255;
}
