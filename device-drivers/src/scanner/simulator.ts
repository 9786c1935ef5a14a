// A scanner in software: `scan()` sends what a serial scanner (text + suffix) or a HID POS
// scanner (chunked input reports) would send for one code.
import type { Transport } from '../transport/transport.ts';
import { encodeScan, hidPosReports } from './codec.ts';

export interface ScannerSimulatorOptions {
  mode?: 'serial' | 'hid';
  encoding?: 'utf8' | 'gb18030';
  suffix?: '\r' | '\r\n' | '';
}

export class ScannerSimulator {
  constructor(
    readonly transport: Transport,
    private readonly options: ScannerSimulatorOptions = {},
  ) {}

  async scan(text: string): Promise<void> {
    const bytes = encodeScan(text, this.options.encoding ?? 'utf8');
    if (this.options.mode === 'hid') {
      for (const report of hidPosReports(bytes)) await this.transport.write(report);
      return;
    }
    const suffix = new TextEncoder().encode(this.options.suffix ?? '\r');
    const out = new Uint8Array(bytes.length + suffix.length);
    out.set(bytes);
    out.set(suffix, bytes.length);
    await this.transport.write(out);
  }
}
