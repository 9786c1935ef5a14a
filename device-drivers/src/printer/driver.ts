// The ticket printer driver: asks the printer how it is before every job, listens to its
// automatic status, sends the ticket, and checks again once the paper should be out. A
// ticket that cannot be printed fails with the reason; nothing is dropped silently.
import { EventEmitter } from 'node:events';
import type { PrinterCondition } from '@hall/common/agent';
import type { TicketSlip } from '@hall/common/ticket-slip';
import type { Transport } from '../transport/transport.ts';
import {
  PrinterStatusParser,
  automaticStatusBack,
  emptyCondition,
  parseAutomaticStatus,
  parseRealtimeStatus,
  realtimeStatusRequest,
  type StatusRequest,
} from './codec-status.ts';
import type { PrinterProfile } from './profiles.ts';
import { renderTicketEscPos } from './ticket-escpos.ts';

export type PrintErrorCode = 'DEVICE_OFFLINE' | 'PAPER_END' | 'COVER_OPEN' | 'CUTTER_ERROR' | 'PRINTER_ERROR' | 'TIMEOUT';

export class PrintError extends Error {
  override name = 'PrintError';
  constructor(
    readonly code: PrintErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Names of the conditions that get their own event when they appear. */
export type PrinterAlarm = 'paperNearEnd' | 'paperEnd' | 'coverOpen' | 'cutterError' | 'offline';
const alarms: PrinterAlarm[] = ['paperNearEnd', 'paperEnd', 'coverOpen', 'cutterError', 'offline'];

export interface PrinterEvents {
  condition: [condition: PrinterCondition];
  paperNearEnd: [condition: PrinterCondition];
  paperEnd: [condition: PrinterCondition];
  coverOpen: [condition: PrinterCondition];
  cutterError: [condition: PrinterCondition];
  offline: [condition: PrinterCondition];
  jobFailed: [error: PrintError];
  printed: [result: { bytes: number }];
}

export interface TicketPrinterOptions {
  transport: Transport;
  profile: PrinterProfile;
  /** How long one real-time status reply may take. */
  statusTimeoutMs?: number;
  /**
   * Wait after the bytes leave before the final status check. Real-time status jumps the
   * print buffer, so asking at once would report on a ticket that is still printing.
   */
  settleMs?: number;
}

/** The reason a printer in this condition cannot print, most specific first. */
export function blockingReason(c: PrinterCondition): PrintError | null {
  if (c.paperEnd) return new PrintError('PAPER_END', 'printer is out of paper');
  if (c.coverOpen) return new PrintError('COVER_OPEN', 'printer cover is open');
  if (c.cutterError) return new PrintError('CUTTER_ERROR', 'printer cutter is jammed');
  if (c.unrecoverableError) return new PrintError('PRINTER_ERROR', 'printer reports an unrecoverable error');
  if (c.autoRecoverableError) return new PrintError('PRINTER_ERROR', 'printer reports a recoverable error (head too hot?)');
  if (c.offline) return new PrintError('PRINTER_ERROR', 'printer is offline');
  return null;
}

export class TicketPrinter extends EventEmitter<PrinterEvents> {
  readonly transport: Transport;
  readonly profile: PrinterProfile;
  #condition: PrinterCondition = { ...emptyCondition };
  #parser = new PrinterStatusParser();
  readonly #statusTimeoutMs: number;
  readonly #settleMs: number;
  #pendingStatus: { resolve: (byte: number) => void; reject: (error: PrintError) => void } | null = null;
  /** Jobs run one at a time, in order. */
  #queue: Promise<unknown> = Promise.resolve();
  readonly #onData = (chunk: Buffer) => this.#receive(chunk);
  readonly #onState = (state: string) => {
    if (state === 'open') void this.#onOpen();
    else {
      // An unplugged printer will not answer: fail the waiting job now, not after the timeout.
      this.#pendingStatus?.reject(new PrintError('DEVICE_OFFLINE', `ticket printer ${this.transport.uri} went away`));
      this.#parser = new PrinterStatusParser();
    }
  };

  constructor(options: TicketPrinterOptions) {
    super();
    this.transport = options.transport;
    this.profile = options.profile;
    this.#statusTimeoutMs = options.statusTimeoutMs ?? 1_000;
    this.#settleMs = options.settleMs ?? 800;
    this.transport.on('data', this.#onData);
    this.transport.on('state', this.#onState);
    if (this.transport.state === 'open') void this.#onOpen();
  }

  get condition(): PrinterCondition {
    return { ...this.#condition };
  }

  /** Stop listening; the transport stays the caller's to close. */
  detach(): void {
    this.transport.off('data', this.#onData);
    this.transport.off('state', this.#onState);
  }

  printTicket(slip: TicketSlip): Promise<{ bytes: number }> {
    return this.print(renderTicketEscPos(slip, this.profile));
  }

  /** Print one job of ready-made ESC/POS bytes. */
  print(job: Uint8Array): Promise<{ bytes: number }> {
    return this.#enqueue(() => this.#print(job));
  }

  /** Ask all four real-time statuses; also updates `condition` and fires alarms. */
  queryStatus(): Promise<PrinterCondition> {
    return this.#enqueue(() => this.#queryStatusNow());
  }

  /** One conversation with the printer at a time: a status reply carries no request id. */
  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #queryStatusNow(): Promise<PrinterCondition> {
    const next: PrinterCondition = { ...this.#condition };
    for (const n of [1, 2, 3, 4] as StatusRequest[]) {
      Object.assign(next, parseRealtimeStatus(n, await this.#askStatus(n)));
    }
    this.#setCondition(next);
    return this.condition;
  }

  async #print(job: Uint8Array): Promise<{ bytes: number }> {
    try {
      if (this.transport.state !== 'open') throw new PrintError('DEVICE_OFFLINE', `ticket printer ${this.transport.uri} is not connected`);
      if (this.transport.readable) {
        const before = blockingReason(await this.#queryStatusNow());
        if (before) throw before;
      }
      try {
        await this.transport.write(job);
      } catch (cause) {
        throw new PrintError('DEVICE_OFFLINE', 'the ticket could not be sent to the printer', { cause });
      }
      if (this.transport.readable) {
        await new Promise((resolve) => setTimeout(resolve, this.#settleMs));
        const after = blockingReason(await this.#queryStatusNow());
        if (after) throw new PrintError(after.code, `${after.message} while printing; the ticket may be incomplete`);
      }
      const result = { bytes: job.length };
      this.emit('printed', result);
      return result;
    } catch (error) {
      const failure = error instanceof PrintError ? error : new PrintError('PRINTER_ERROR', String(error), { cause: error });
      this.emit('jobFailed', failure);
      throw failure;
    }
  }

  #askStatus(n: StatusRequest): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pendingStatus = null;
        reject(new PrintError('TIMEOUT', `ticket printer did not answer status request ${n} within ${this.#statusTimeoutMs} ms`));
      }, this.#statusTimeoutMs);
      this.#pendingStatus = {
        resolve: (byte) => {
          clearTimeout(timer);
          this.#pendingStatus = null;
          resolve(byte);
        },
        reject: (error) => {
          clearTimeout(timer);
          this.#pendingStatus = null;
          reject(error);
        },
      };
      this.transport.write(realtimeStatusRequest(n)).catch((cause: unknown) => {
        clearTimeout(timer);
        this.#pendingStatus = null;
        reject(new PrintError('DEVICE_OFFLINE', 'status request could not be sent', { cause }));
      });
    });
  }

  async #onOpen(): Promise<void> {
    if (!this.transport.readable) return;
    // Both may fail if the line drops again at once; the next open retries.
    await this.#enqueue(async () => {
      await this.transport.write(automaticStatusBack());
      await this.#queryStatusNow();
    }).catch(() => undefined);
  }

  #receive(chunk: Uint8Array): void {
    for (const message of this.#parser.push(chunk)) {
      if (message.type === 'realtime') this.#pendingStatus?.resolve(message.byte);
      else this.#setCondition(parseAutomaticStatus(message.block));
    }
  }

  #setCondition(next: PrinterCondition): void {
    const previous = this.#condition;
    this.#condition = next;
    const changed = (Object.keys(next) as Array<keyof PrinterCondition>).some((k) => next[k] !== previous[k]);
    if (!changed) return;
    this.emit('condition', this.condition);
    for (const alarm of alarms) if (next[alarm] && !previous[alarm]) this.emit(alarm, this.condition);
  }
}
