// RS-485 framing of window caller keypads and evaluators (../shared/docs/devices.md §3):
// `FF 68 L L 68 ADDR CMD DATA… CS 16`, L = 2 + data length, CS = (ADDR + CMD + ΣDATA) mod 256.

export const Rs485Command = {
  /** Host → keypad: show a waiting count and a 3-digit ticket number. */
  showNumber: 0x02,
  /** Host → keypad: beep. */
  beep: 0x03,
  /** Keypad → host: a key (the code is the last data byte). Vendors differ; we accept any CMD but 0x11. */
  keypadKey: 0x01,
  /** Evaluator → host: a rating key (first data byte). */
  evaluatorKey: 0x11,
} as const;

export const BLANK_DIGIT = 0x0a;

export interface Rs485Frame {
  address: number;
  command: number;
  data: Uint8Array;
}

export function encodeRs485(frame: Rs485Frame): Uint8Array {
  const length = 2 + frame.data.length;
  if (length > 0xff) throw new RangeError('RS-485 frame data too long');
  let sum = frame.address + frame.command;
  for (const b of frame.data) sum += b;
  return Uint8Array.from([0xff, 0x68, length, length, 0x68, frame.address & 0xff, frame.command & 0xff, ...frame.data, sum & 0xff, 0x16]);
}

/** `FF 68 08 08 68 AA 02 w1 w2 w3 d1 d2 d3 CS 16`: the last three digits of the number, and the waiting count. */
export function showNumberFrame(address: number, number: string, waiting?: number): Rs485Frame {
  const digits = (text: string) => {
    const d = text.replace(/\D/g, '').slice(-3);
    return [...d.padStart(3, ' ')].map((c) => (c === ' ' ? BLANK_DIGIT : Number(c)));
  };
  const count = waiting === undefined ? [BLANK_DIGIT, BLANK_DIGIT, BLANK_DIGIT] : digits(String(Math.min(999, Math.max(0, Math.trunc(waiting)))));
  return { address, command: Rs485Command.showNumber, data: Uint8Array.from([...count, ...digits(number)]) };
}

export function beepFrame(address: number): Rs485Frame {
  return { address, command: Rs485Command.beep, data: new Uint8Array() };
}

export interface Rs485ParserOptions {
  /** Frames from devices carry 1–3 data bytes (L 3–5); host frames are longer. */
  minLength: number;
  maxLength: number;
}

/** What a host accepts from keypads and evaluators. */
export const fromDeviceLimits: Rs485ParserOptions = { minLength: 3, maxLength: 5 };
/** What a simulated device accepts from the host. */
export const fromHostLimits: Rs485ParserOptions = { minLength: 2, maxLength: 16 };

export type Rs485Event =
  | { type: 'frame'; frame: Rs485Frame; bytes: Uint8Array }
  | { type: 'error'; reason: 'length' | 'checksum' | 'trailer' };

/**
 * Streaming parser. Hunts for `FF 68`, checks both length bytes, the second 68, the checksum
 * and the 16 trailer; on any mismatch it moves one byte on and hunts again. Holds at most one
 * frame (≤ maxLength + 7 bytes).
 */
export class Rs485Parser {
  #buffer = new Uint8Array(0);
  constructor(private readonly limits: Rs485ParserOptions) {}

  get bufferedBytes(): number {
    return this.#buffer.length;
  }

  push(chunk: Uint8Array): Rs485Event[] {
    const b = new Uint8Array(this.#buffer.length + chunk.length);
    b.set(this.#buffer);
    b.set(chunk, this.#buffer.length);
    const events: Rs485Event[] = [];
    let at = 0;
    while (at < b.length) {
      if (b[at] !== 0xff) {
        at++;
        continue;
      }
      if (b.length - at < 5) break;
      const length = b[at + 2]!;
      if (b[at + 1] !== 0x68 || b[at + 4] !== 0x68) {
        at++;
        continue;
      }
      if (b[at + 3] !== length || length < this.limits.minLength || length > this.limits.maxLength) {
        events.push({ type: 'error', reason: 'length' });
        at++;
        continue;
      }
      const end = at + 5 + length + 2;
      if (b.length < end) break;
      let sum = 0;
      for (let i = at + 5; i < at + 5 + length; i++) sum += b[i]!;
      if ((sum & 0xff) !== b[end - 2]) {
        events.push({ type: 'error', reason: 'checksum' });
        at++;
        continue;
      }
      if (b[end - 1] !== 0x16) {
        events.push({ type: 'error', reason: 'trailer' });
        at++;
        continue;
      }
      events.push({
        type: 'frame',
        frame: { address: b[at + 5]!, command: b[at + 6]!, data: b.slice(at + 7, end - 2) },
        bytes: b.slice(at, end),
      });
      at = end;
    }
    this.#buffer = b.slice(at);
    return events;
  }
}
