// Scanners emit `scan` with decoded text. A serial (virtual COM) scanner sends a line per
// scan; a HID POS scanner sends one or more input reports per scan.
import { EventEmitter } from 'node:events';
import type { Transport } from '../transport/transport.ts';
import { HidPosAssembler, ScanLineAssembler, decodeScan, type ScanEncoding } from './codec.ts';

export interface ScannerEvents {
  scan: [scan: { text: string; bytes: Uint8Array }];
}

export interface Scanner extends EventEmitter<ScannerEvents> {
  readonly transport: Transport;
  detach(): void;
}

export interface SerialScannerOptions {
  transport: Transport;
  encoding?: ScanEncoding;
  /**
   * For scanners configured without a CR suffix: a scan ends after this much silence
   * (serialport's InterByteTimeout idea). Null: wait for CR/LF.
   */
  idleMs?: number | null;
}

export class SerialScanner extends EventEmitter<ScannerEvents> implements Scanner {
  readonly transport: Transport;
  readonly #lines = new ScanLineAssembler();
  readonly #encoding: ScanEncoding;
  readonly #idleMs: number | null;
  #idleTimer: NodeJS.Timeout | null = null;
  readonly #onData = (chunk: Buffer) => this.#receive(chunk);

  constructor(options: SerialScannerOptions) {
    super();
    this.transport = options.transport;
    this.#encoding = options.encoding ?? 'auto';
    this.#idleMs = options.idleMs ?? null;
    this.transport.on('data', this.#onData);
  }

  detach(): void {
    this.transport.off('data', this.#onData);
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
  }

  #receive(chunk: Uint8Array): void {
    for (const line of this.#lines.push(chunk)) this.#emit(line);
    if (this.#idleMs !== null) {
      if (this.#idleTimer) clearTimeout(this.#idleTimer);
      this.#idleTimer = setTimeout(() => {
        const rest = this.#lines.flush();
        if (rest) this.#emit(rest);
      }, this.#idleMs);
    }
  }

  #emit(bytes: Uint8Array): void {
    this.emit('scan', { text: decodeScan(bytes, this.#encoding), bytes });
  }
}

export interface HidPosScannerOptions {
  transport: Transport;
  encoding?: ScanEncoding;
  reportIdIncluded?: boolean;
}

export class HidPosScanner extends EventEmitter<ScannerEvents> implements Scanner {
  readonly transport: Transport;
  readonly #reports: HidPosAssembler;
  readonly #encoding: ScanEncoding;
  readonly #onData = (report: Buffer) => {
    const bytes = this.#reports.push(report);
    if (bytes) this.emit('scan', { text: decodeScan(bytes, this.#encoding), bytes });
  };

  constructor(options: HidPosScannerOptions) {
    super();
    this.transport = options.transport;
    this.#encoding = options.encoding ?? 'auto';
    this.#reports = new HidPosAssembler(options.reportIdIncluded ?? true);
    this.transport.on('data', this.#onData);
  }

  detach(): void {
    this.transport.off('data', this.#onData);
  }
}
