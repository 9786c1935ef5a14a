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

/**
 * Argument bytes of fixed-length commands we recognise but do not model, so a stream from
 * another encoder decodes without their arguments turning into text.
 */
const escArguments: Readonly<Record<number, number>> = {
  0x20: 1, // ESC SP n: character spacing
  0x21: 1, // ESC ! n: print mode
  0x24: 2, // ESC $ nL nH: absolute position
  0x2d: 1, // ESC - n: underline
  0x32: 0, // ESC 2: default line spacing
  0x33: 1, // ESC 3 n: line spacing
  0x3d: 1, // ESC = n: peripheral select
  0x45: 1, // ESC E n: bold
  0x47: 1, // ESC G n: double strike
  0x4a: 1, // ESC J n: feed n dots
  0x4d: 1, // ESC M n: font
  0x52: 1, // ESC R n: international character set
  0x56: 1, // ESC V n: rotation
  0x5c: 2, // ESC \ nL nH: relative position
  0x61: 1, // ESC a n: alignment
  0x63: 2, // ESC c 5 n / ESC c 3 n: panel keys, paper sensors
  0x64: 1, // ESC d n: feed lines
  0x70: 3, // ESC p m t1 t2: drawer kick
  0x74: 1, // ESC t n: code page
  0x7b: 1, // ESC { n: upside down
};
const gsArguments: Readonly<Record<number, number>> = {
  0x42: 1, // GS B n: reverse
  0x48: 1, // GS H n: HRI position
  0x49: 1, // GS I n: printer id
  0x4c: 2, // GS L nL nH: left margin
  0x57: 2, // GS W nL nH: print width
  0x66: 1, // GS f n: HRI font
  0x68: 1, // GS h n: barcode height
  0x72: 1, // GS r n: transmit status
  0x77: 1, // GS w n: barcode width
};
const fsArguments: Readonly<Record<number, number>> = {
  0x21: 1, // FS ! n: Chinese print mode
  0x2d: 1, // FS - n: Chinese underline
  0x53: 2, // FS S n1 n2: Chinese spacing
  0x57: 1, // FS W n: Chinese quadruple size
};

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
        if (fsArguments[b[at + 1]!] !== undefined) {
          const args = fsArguments[b[at + 1]!]!;
          return avail < 2 + args ? 'more' : op(2 + args);
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
    const args = escArguments[cmd];
    if (args === undefined) return { consumed: 1, events: [unknown(b, at, 1)] };
    if (avail < 2 + args) return 'more';
    const n = b[at + 2] ?? 0;
    switch (cmd) {
      case 0x45: // ESC E: bold
        this.#style.bold = (n & 1) === 1;
        return { consumed: 3, events: [] };
      case 0x61: // ESC a: alignment
        this.#style.align = n % 0x30 === 1 ? 'center' : n % 0x30 === 2 ? 'right' : 'left';
        return { consumed: 3, events: [] };
      case 0x64: // ESC d: feed n lines
        return { consumed: 3, events: [{ type: 'lineFeed', lines: n }] };
      case 0x21: // ESC !: print mode; bit 3 bold, bits 4/5 double height/width
        this.#style.bold = (n & 0x08) !== 0;
        this.#style.height = n & 0x10 ? 2 : 1;
        this.#style.width = n & 0x20 ? 2 : 1;
        return { consumed: 3, events: [] };
      default:
        // Known commands we do not model (spacing, underline, code page…): skip them whole
        // so their argument bytes are not taken for text.
        return { consumed: 2 + args, events: [] };
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
        // GS ( x pL pH …: every function of this family is length-prefixed; only k (QR) is modelled.
        if (avail < 5) return 'more';
        const length = b[at + 3]! | (b[at + 4]! << 8);
        if (length + 5 > MAX_COMMAND_BYTES) return { consumed: 1, events: [unknown(b, at, 1)] };
        if (avail < 5 + length) return 'more';
        const body = b.subarray(at + 5, at + 5 + length);
        return { consumed: 5 + length, events: b[at + 2] === 0x6b ? this.#qrFunction(body) : [] };
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
      case 0x6b: {
        // GS k barcode: m ≤ 6 ends at NUL, m ≥ 65 carries a length byte.
        if (avail < 3) return 'more';
        const m = b[at + 2]!;
        if (m >= 65) {
          if (avail < 4) return 'more';
          const end = 4 + b[at + 3]!;
          return avail < end ? 'more' : { consumed: end, events: [] };
        }
        const nul = b.indexOf(0, at + 3);
        if (nul < 0) return avail - 3 > 255 ? { consumed: 1, events: [unknown(b, at, 1)] } : 'more';
        return { consumed: nul - at + 1, events: [] };
      }
      default: {
        const args = gsArguments[cmd];
        if (args === undefined) return { consumed: 1, events: [unknown(b, at, 1)] };
        return avail < 2 + args ? 'more' : { consumed: 2 + args, events: [] };
      }
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
