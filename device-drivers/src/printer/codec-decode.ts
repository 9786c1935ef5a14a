// Reads an ESC/POS byte stream back into what a printer would do with it: text with its
// style, line feeds, QR codes, raster images, cuts and status requests. The simulated printer
// runs on it, and tests use it to check that a ticket says what the slip says.
import iconv from 'iconv-lite';
import type { Align } from './codec-escpos.ts';
import type { StatusRequest } from './codec-status.ts';

export interface TextStyle {
  align: Align;
  bold: boolean;
  width: number;
  height: number;
}

export type EscPosEvent =
  | { type: 'initialize' }
  | { type: 'chineseMode'; on: boolean }
  | { type: 'text'; text: string; style: TextStyle }
  | { type: 'lineFeed'; lines: number }
  | { type: 'qr'; data: Uint8Array }
  | { type: 'raster'; width: number; height: number; bits: Uint8Array }
  | { type: 'cut'; mode: 'full' | 'partial' }
  | { type: 'statusRequest'; n: StatusRequest }
  | { type: 'automaticStatusBack'; mask: number }
  | { type: 'unknown'; bytes: Uint8Array };

/** An event and the stream offset just after the bytes that made it. */
export type DecodedEvent = EscPosEvent & { end: number };

/** Bounds what one command may make us hold: a 7 KB QR or a raster of 576 × ~1000 dots. */
export const MAX_COMMAND_BYTES = 96 * 1024;
const MAX_TEXT_RUN = 4096;

type Step = { consumed: number; events: EscPosEvent[] } | 'more';

const initialStyle = (): TextStyle => ({ align: 'left', bold: false, width: 1, height: 1 });

/**
 * Streaming: push chunks as they arrive; a command split across chunks waits for the rest.
 * Text runs are decoded only at a control byte, so a GB18030 character is never cut in two
 * (every byte of a multi-byte character is ≥ 0x30, every command starts below 0x20).
 */
export class EscPosDecoder {
  #pending = new Uint8Array(0);
  #style = initialStyle();
  #chinese = true;
  #qrStored: Uint8Array | null = null;
  /** Stream offset of the first pending byte. */
  #offset = 0;

  get bufferedBytes(): number {
    return this.#pending.length;
  }

  push(chunk: Uint8Array): DecodedEvent[] {
    const joined = new Uint8Array(this.#pending.length + chunk.length);
    joined.set(this.#pending);
    joined.set(chunk, this.#pending.length);
    const events: DecodedEvent[] = [];
    let at = 0;
    while (at < joined.length) {
      const step = this.#step(joined, at);
      if (step === 'more') break;
      at += step.consumed;
      for (const event of step.events) events.push({ ...event, end: this.#offset + at });
    }
    this.#offset += at;
    this.#pending = joined.slice(at);
    return events;
  }

  #step(b: Uint8Array, at: number): Step {
    const first = b[at]!;
    const avail = b.length - at;
    const need = (n: number): boolean => avail >= n;
    const op = (consumed: number, ...events: EscPosEvent[]): Step => ({ consumed, events });

    if (first >= 0x20) {
      let end = at;
      while (end < b.length && b[end]! >= 0x20 && end - at < MAX_TEXT_RUN) end++;
      // Hold an unterminated run back until we know it is complete, unless it is already long.
      if (end === b.length && end - at < MAX_TEXT_RUN) return 'more';
      const bytes = b.subarray(at, end);
      const text = this.#chinese ? iconv.decode(Buffer.from(bytes), 'gb18030') : latin1(bytes);
      return op(end - at, { type: 'text', text, style: { ...this.#style } });
    }
    switch (first) {
      case 0x0a:
        return op(1, { type: 'lineFeed', lines: 1 });
      case 0x0d:
        return op(1);
      case 0x10: // DLE
        if (!need(3)) return 'more';
        if (b[at + 1] === 0x04 && b[at + 2]! >= 1 && b[at + 2]! <= 4) return op(3, { type: 'statusRequest', n: b[at + 2] as StatusRequest });
        return op(1, unknown(b, at, 1));
      case 0x1b: // ESC
        return this.#esc(b, at, avail);
      case 0x1c: // FS
        if (!need(2)) return 'more';
        if (b[at + 1] === 0x26 || b[at + 1] === 0x2e) {
          this.#chinese = b[at + 1] === 0x26;
          return op(2, { type: 'chineseMode', on: this.#chinese });
        }
        return op(1, unknown(b, at, 1));
      case 0x1d: // GS
        return this.#gs(b, at, avail);
      default:
        return op(1, unknown(b, at, 1));
    }
  }

  #esc(b: Uint8Array, at: number, avail: number): Step {
    if (avail < 2) return 'more';
    const cmd = b[at + 1]!;
    if (cmd === 0x40) {
      this.#style = initialStyle();
      return { consumed: 2, events: [{ type: 'initialize' }] };
    }
    if (avail < 3) return 'more';
    const n = b[at + 2]!;
    switch (cmd) {
      case 0x45:
        this.#style.bold = (n & 1) === 1;
        return { consumed: 3, events: [] };
      case 0x61:
        this.#style.align = n % 0x30 === 1 ? 'center' : n % 0x30 === 2 ? 'right' : 'left';
        return { consumed: 3, events: [] };
      case 0x64:
        return { consumed: 3, events: [{ type: 'lineFeed', lines: n }] };
      default:
        return { consumed: 1, events: [unknown(b, at, 1)] };
    }
  }

  #gs(b: Uint8Array, at: number, avail: number): Step {
    if (avail < 2) return 'more';
    const cmd = b[at + 1]!;
    switch (cmd) {
      case 0x21: {
        if (avail < 3) return 'more';
        const n = b[at + 2]!;
        this.#style.width = ((n >> 4) & 0x07) + 1;
        this.#style.height = (n & 0x07) + 1;
        return { consumed: 3, events: [] };
      }
      case 0x61:
        if (avail < 3) return 'more';
        return { consumed: 3, events: [{ type: 'automaticStatusBack', mask: b[at + 2]! }] };
      case 0x56: {
        if (avail < 3) return 'more';
        const m = b[at + 2]!;
        // GS V 65/66 n carry a feed amount byte.
        if (m === 0x41 || m === 0x42) {
          if (avail < 4) return 'more';
          return { consumed: 4, events: [{ type: 'lineFeed', lines: 1 }, { type: 'cut', mode: m === 0x41 ? 'full' : 'partial' }] };
        }
        return { consumed: 3, events: [{ type: 'cut', mode: m === 0x00 || m === 0x30 ? 'full' : 'partial' }] };
      }
      case 0x28: {
        if (avail < 5) return 'more';
        if (b[at + 2] !== 0x6b) return { consumed: 1, events: [unknown(b, at, 1)] };
        const length = b[at + 3]! | (b[at + 4]! << 8);
        if (length + 5 > MAX_COMMAND_BYTES) return { consumed: 1, events: [unknown(b, at, 1)] };
        if (avail < 5 + length) return 'more';
        const body = b.subarray(at + 5, at + 5 + length);
        return { consumed: 5 + length, events: this.#qrFunction(body) };
      }
      case 0x76: {
        if (avail < 8) return 'more';
        if (b[at + 2] !== 0x30) return { consumed: 1, events: [unknown(b, at, 1)] };
        const bytesPerRow = b[at + 4]! | (b[at + 5]! << 8);
        const height = b[at + 6]! | (b[at + 7]! << 8);
        const size = bytesPerRow * height;
        if (size + 8 > MAX_COMMAND_BYTES) return { consumed: 1, events: [unknown(b, at, 1)] };
        if (avail < 8 + size) return 'more';
        const bits = b.slice(at + 8, at + 8 + size);
        return { consumed: 8 + size, events: [{ type: 'raster', width: bytesPerRow * 8, height, bits }] };
      }
      default:
        return { consumed: 1, events: [unknown(b, at, 1)] };
    }
  }

  /** GS ( k with cn = 0x31 (QR): store keeps the data, print emits it. */
  #qrFunction(body: Uint8Array): EscPosEvent[] {
    if (body[0] !== 0x31) return [];
    const fn = body[1];
    if (fn === 0x50 && body[2] === 0x30) {
      this.#qrStored = body.slice(3);
      return [];
    }
    if (fn === 0x51 && this.#qrStored) {
      const data = this.#qrStored;
      return [{ type: 'qr', data }];
    }
    return [];
  }
}

function unknown(b: Uint8Array, at: number, length: number): EscPosEvent {
  return { type: 'unknown', bytes: b.slice(at, at + length) };
}

function latin1(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}
