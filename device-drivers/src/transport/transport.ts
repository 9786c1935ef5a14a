// One small interface for every byte pipe a driver talks through: a serial line, a HID
// device, a TCP raw port, a file, or an in-process simulator. Drivers never see which.
import type { EventEmitter } from 'node:events';

/**
 * `connecting`: first attempt under way. `reconnecting`: the device went away (or was never
 * there) and we retry with backoff. `closed`: only after close().
 */
export type TransportState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface TransportEvents {
  data: [chunk: Buffer];
  state: [state: TransportState, cause?: Error];
}

export interface ModemLines {
  dtr?: boolean;
  rts?: boolean;
}

export interface Transport extends EventEmitter<TransportEvents> {
  readonly uri: string;
  readonly state: TransportState;
  /** False for sinks that never answer (files): drivers then skip status queries. */
  readonly readable: boolean;
  /**
   * Keeps trying until the device is there; resolves on the first successful open and
   * rejects only if close() comes first. After that, a lost device is reopened with backoff.
   */
  open(): Promise<void>;
  /** Resolves once the bytes have left (drained); rejects with TransportError when not open. */
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  /** Optional: pseudo-terminals and USB bridges without modem lines reject the ioctl. Resolves false then. */
  setModemLines(lines: ModemLines): Promise<boolean>;
}

export type TransportErrorCode = 'NOT_OPEN' | 'CLOSED' | 'WRITE_FAILED' | 'OPEN_FAILED';

export class TransportError extends Error {
  constructor(
    readonly code: TransportErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransportError';
  }
}
