// Our own ESC/POS encoder for Chinese thermal printers: GB18030 text, Chinese mode, sizes,
// bold, alignment, QR (native GS ( k with the length counted in bytes, or a raster image),
// cut. Pure: commands in, bytes out. See ../shared/docs/devices.md §1.
import iconv from 'iconv-lite';
import QRCode from 'qrcode';

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const LF = 0x0a;

export type Align = 'left' | 'center' | 'right';
export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';

export interface TextEncodeOptions {
  /** Printers without 4-byte GB18030 glyphs print garbage for them; send '?' instead. */
  fourByteGb18030: boolean;
}

/** Largest QR payload GS ( k accepts (model 2, version 40, level L). */
export const MAX_QR_BYTES = 7089;

/**
 * GB18030 bytes for printing. Control characters are dropped: text comes from hall data
 * (names of categories, notices) and must never be able to smuggle printer commands.
 */
export function encodeGb18030(text: string, options: TextEncodeOptions): Uint8Array {
  let clean = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && code !== 0x7f) clean += ch;
  }
  if (options.fourByteGb18030) return iconv.encode(clean, 'gb18030');
  const parts: Buffer[] = [];
  for (const ch of clean) {
    const bytes = iconv.encode(ch, 'gb18030');
    parts.push(bytes.length === 4 ? Buffer.from('?') : bytes);
  }
  return Buffer.concat(parts);
}

/** Columns a string takes in the printer's font: ASCII one, everything else two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.codePointAt(0)! < 0x80 ? 1 : 2;
  return width;
}

export interface RasterImage {
  /** Width in dots; rows are padded to whole bytes. */
  width: number;
  height: number;
  /** Row-major, one byte per 8 dots, most significant bit leftmost, 1 = black. */
  bits: Uint8Array;
}

const qrLevelByte: Record<QrErrorLevel, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };

export class EscPosBuilder {
  readonly #chunks: number[][] = [];
  readonly #text: TextEncodeOptions;

  constructor(options: TextEncodeOptions = { fourByteGb18030: false }) {
    this.#text = options;
  }

  raw(...bytes: number[]): this {
    this.#chunks.push(bytes);
    return this;
  }

  #push(bytes: Uint8Array): this {
    this.#chunks.push(Array.from(bytes));
    return this;
  }

  /** ESC @ then FS &: reset, and Chinese mode on whatever the power-up default was. */
  initialize(): this {
    return this.raw(ESC, 0x40).chineseMode(true);
  }

  chineseMode(on: boolean): this {
    return this.raw(FS, on ? 0x26 : 0x2e);
  }

  text(text: string): this {
    return this.#push(encodeGb18030(text, this.#text));
  }

  line(text = ''): this {
    return this.text(text).raw(LF);
  }

  /** Character size as multiples of the normal width and height, each 1–8. */
  size(width: number, height = width): this {
    const w = clampScale(width);
    const h = clampScale(height);
    return this.raw(GS, 0x21, ((w - 1) << 4) | (h - 1));
  }

  bold(on: boolean): this {
    return this.raw(ESC, 0x45, on ? 1 : 0);
  }

  /** Takes effect only at the start of a line. */
  align(align: Align): this {
    return this.raw(ESC, 0x61, align === 'left' ? 0 : align === 'center' ? 1 : 2);
  }

  feed(lines: number): this {
    return this.raw(ESC, 0x64, Math.max(0, Math.min(255, Math.trunc(lines))));
  }

  /**
   * Native QR (GS ( k, model 2). The store length is the payload's byte length + 3: a URL
   * with Chinese in it is longer in bytes than in characters, and getting this wrong makes
   * the printer swallow the commands that follow.
   */
  qr(payload: string | Uint8Array, options: { moduleDots: number; level?: QrErrorLevel }): this {
    const data = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
    if (data.length === 0 || data.length > MAX_QR_BYTES) throw new RangeError(`QR payload must be 1–${MAX_QR_BYTES} bytes, got ${data.length}`);
    const stored = data.length + 3;
    const moduleDots = Math.max(1, Math.min(16, Math.trunc(options.moduleDots)));
    this.raw(GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00);
    this.raw(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, moduleDots);
    this.raw(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, qrLevelByte[options.level ?? 'M']);
    this.raw(GS, 0x28, 0x6b, stored & 0xff, stored >> 8, 0x31, 0x50, 0x30);
    this.#push(data);
    return this.raw(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30);
  }

  /** GS v 0: a 1-bit image, for printers without native QR. */
  raster(image: RasterImage): this {
    const bytesPerRow = Math.ceil(image.width / 8);
    if (image.bits.length !== bytesPerRow * image.height) throw new RangeError('raster bits do not match width × height');
    this.raw(GS, 0x76, 0x30, 0x00, bytesPerRow & 0xff, bytesPerRow >> 8, image.height & 0xff, image.height >> 8);
    return this.#push(image.bits);
  }

  /** A QR drawn as a raster image, the same symbol the printer would draw natively. */
  qrRaster(payload: string | Uint8Array, options: { moduleDots: number; level?: QrErrorLevel }): this {
    return this.raster(qrToRaster(payload, options.moduleDots, options.level ?? 'M'));
  }

  cut(mode: 'full' | 'partial'): this {
    return this.raw(GS, 0x56, mode === 'full' ? 0x00 : 0x01);
  }

  bytes(): Uint8Array {
    let length = 0;
    for (const c of this.#chunks) length += c.length;
    const out = new Uint8Array(length);
    let at = 0;
    for (const c of this.#chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

function clampScale(n: number): number {
  return Math.max(1, Math.min(8, Math.trunc(n)));
}

/** The QR's modules (with the 4-module quiet zone) scaled to dots. */
export function qrToRaster(payload: string | Uint8Array, moduleDots: number, level: QrErrorLevel): RasterImage {
  const segment = typeof payload === 'string' ? payload : [{ data: payload, mode: 'byte' as const }];
  const qr = QRCode.create(segment, { errorCorrectionLevel: level });
  const modules = qr.modules.size;
  const quiet = 4;
  const side = (modules + 2 * quiet) * moduleDots;
  const bytesPerRow = Math.ceil(side / 8);
  const bits = new Uint8Array(bytesPerRow * side);
  for (let y = 0; y < side; y++) {
    const my = Math.floor(y / moduleDots) - quiet;
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / moduleDots) - quiet;
      const dark = mx >= 0 && my >= 0 && mx < modules && my < modules && qr.modules.get(my, mx);
      if (dark) bits[y * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { width: side, height: side, bits };
}
