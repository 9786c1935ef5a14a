// Barcode/QR scanner bytes: lines from scanners on a (virtual) COM port, and the chunked
// input reports of HID POS scanners (usage page 0x8C). Text is UTF-8 or GB18030: a QR code
// printed by a Chinese government system may be either.
import iconv from 'iconv-lite';

export type ScanEncoding = 'utf8' | 'gb18030' | 'auto';

/** Longest scan we keep; a QR code holds at most ~7 KB. Anything longer is noise. */
export const MAX_SCAN_BYTES = 8192;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeScan(bytes: Uint8Array, encoding: ScanEncoding): string {
  if (encoding === 'gb18030') return iconv.decode(Buffer.from(bytes), 'gb18030');
  if (encoding === 'utf8') return new TextDecoder().decode(bytes);
  // GB18030 text is almost never valid UTF-8, and ASCII is both.
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes), 'gb18030');
  }
}

export function encodeScan(text: string, encoding: 'utf8' | 'gb18030'): Uint8Array {
  return encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : new TextEncoder().encode(text);
}

/**
 * Splits a serial scanner's byte stream at CR (a CR LF suffix leaves an LF that is dropped).
 * Unlike serialport's DelimiterParser it has a size bound, so a scanner configured without a
 * suffix cannot make us buffer forever; the driver flushes such scans on an idle timer.
 */
export class ScanLineAssembler {
  #buffer: number[] = [];

  get bufferedBytes(): number {
    return this.#buffer.length;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    const lines: Uint8Array[] = [];
    for (const byte of chunk) {
      if (byte === 0x0d || byte === 0x0a) {
        if (this.#buffer.length > 0) lines.push(Uint8Array.from(this.#buffer));
        this.#buffer = [];
        continue;
      }
      if (this.#buffer.length >= MAX_SCAN_BYTES) this.#buffer = [];
      this.#buffer.push(byte);
    }
    return lines;
  }

  /** What has arrived since the last line end (for scanners without a suffix). */
  flush(): Uint8Array | null {
    if (this.#buffer.length === 0) return null;
    const out = Uint8Array.from(this.#buffer);
    this.#buffer = [];
    return out;
  }
}

/** Report 0x02 of a HID POS scanner, without the report id: length, 3 bytes, data from 4, "more" at 62. */
export const HID_POS_REPORT_ID = 0x02;
const DATA_OFFSET = 4;
const MORE_OFFSET = 62;
const MAX_CHUNK = MORE_OFFSET - DATA_OFFSET;

export class HidPosAssembler {
  #parts: Uint8Array[] = [];
  #size = 0;

  /** @param reportIdIncluded hidapi puts the report id in byte 0 for numbered reports. */
  constructor(private readonly reportIdIncluded = true) {}

  get bufferedBytes(): number {
    return this.#size;
  }

  /** One input report in; the whole scan out once its last chunk has arrived. */
  push(report: Uint8Array): Uint8Array | null {
    let r = report;
    if (this.reportIdIncluded) {
      if (r[0] !== HID_POS_REPORT_ID) return null;
      r = r.subarray(1);
    }
    if (r.length <= DATA_OFFSET) return null;
    const length = Math.min(r[0]!, MAX_CHUNK, r.length - DATA_OFFSET);
    const chunk = r.slice(DATA_OFFSET, DATA_OFFSET + length);
    const more = (r[MORE_OFFSET] ?? 0) !== 0;
    if (this.#size + chunk.length > MAX_SCAN_BYTES) {
      this.#parts = [];
      this.#size = 0;
      return null;
    }
    this.#parts.push(chunk);
    this.#size += chunk.length;
    if (more) return null;
    const out = new Uint8Array(this.#size);
    let at = 0;
    for (const p of this.#parts) {
      out.set(p, at);
      at += p.length;
    }
    this.#parts = [];
    this.#size = 0;
    return out.length > 0 ? out : null;
  }
}

/** The input reports a HID POS scanner sends for one scan (simulators and tests). */
export function hidPosReports(data: Uint8Array, reportIdIncluded = true): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (let at = 0; at < data.length || reports.length === 0; at += MAX_CHUNK) {
    const chunk = data.subarray(at, at + MAX_CHUNK);
    const r = new Uint8Array(64);
    r[0] = chunk.length;
    r.set(chunk, DATA_OFFSET);
    r[MORE_OFFSET] = at + MAX_CHUNK < data.length ? 1 : 0;
    reports.push(reportIdIncluded ? Uint8Array.from([HID_POS_REPORT_ID, ...r]) : r);
  }
  return reports;
}
