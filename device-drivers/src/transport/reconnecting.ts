// The reconnect loop shared by every transport: a concrete transport only knows how to make
// one connection (a "link"); this class keeps one alive. Kiosk devices get unplugged by
// cleaners and come back minutes later; the agent must never need a restart for that.
import { EventEmitter } from 'node:events';
import { TransportError, type ModemLines, type Transport, type TransportEvents, type TransportState } from './transport.ts';

export interface Link {
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  setModemLines?(lines: ModemLines): Promise<void>;
}

export interface LinkSink {
  data(chunk: Buffer): void;
  /** The link died on its own (unplugged, peer closed). Called at most once. */
  lost(cause: Error): void;
}

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export const defaultBackoff: BackoffOptions = { initialMs: 250, maxMs: 5_000, factor: 2 };

export function backoffDelay(attempt: number, options: BackoffOptions): number {
  return Math.min(options.maxMs, options.initialMs * options.factor ** attempt);
}

export abstract class ReconnectingTransport extends EventEmitter<TransportEvents> implements Transport {
  abstract readonly uri: string;
  readonly readable: boolean = true;

  #state: TransportState = 'closed';
  #link: Link | null = null;
  /** Declares the current link dead (the same path as its own `lost`). */
  #lose: ((cause: Error) => void) | null = null;
  #attempt = 0;
  #timer: NodeJS.Timeout | null = null;
  #started = false;
  #waiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];

  constructor(protected readonly backoff: BackoffOptions = defaultBackoff) {
    super();
  }

  /** Make one connection; reject if the device is not there. */
  protected abstract connect(sink: LinkSink): Promise<Link>;

  get state(): TransportState {
    return this.#state;
  }

  open(): Promise<void> {
    if (this.#state === 'open') return Promise.resolve();
    const opened = new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    if (!this.#started) {
      this.#started = true;
      this.#setState('connecting');
      void this.#tryConnect();
    }
    return opened;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const link = this.#link;
    if (!link || this.#state !== 'open') throw new TransportError('NOT_OPEN', `${this.uri} is not open (${this.#state})`);
    let timer: NodeJS.Timeout | undefined;
    const limit = this.writeTimeoutMs(bytes.length);
    // A line that stops draining (a hung adapter, a pseudo-terminal whose other end died without
    // a hang-up) would hold every caller forever: give up, and treat the device as gone.
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`write did not drain within ${limit} ms`)), limit);
    });
    try {
      await Promise.race([link.write(bytes), stalled]);
    } catch (cause) {
      if (this.#link === link) this.#lose?.(cause instanceof Error ? cause : new Error(String(cause)));
      throw new TransportError('WRITE_FAILED', `write to ${this.uri} failed`, { cause });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Generous: one millisecond per byte is 9600 baud, the slowest line we drive. */
  protected writeTimeoutMs(bytes: number): number {
    return 3_000 + bytes;
  }

  async setModemLines(lines: ModemLines): Promise<boolean> {
    const link = this.#link;
    if (!link?.setModemLines) return false;
    try {
      await link.setModemLines(lines);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.#started = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const link = this.#link;
    this.#link = null;
    this.#setState('closed');
    for (const w of this.#waiters.splice(0)) w.reject(new TransportError('CLOSED', `${this.uri} was closed before it opened`));
    if (link) await closeWithin(link, 2_000);
  }

  async #tryConnect(): Promise<void> {
    this.#timer = null;
    let lostBeforeOpen: Error | null = null;
    let current: Link | null = null;
    const sink: LinkSink = {
      data: (chunk) => {
        if (this.#link === current) this.emit('data', chunk);
      },
      lost: (cause) => {
        if (current === null) {
          lostBeforeOpen = cause;
          return;
        }
        if (this.#link !== current) return;
        this.#link = null;
        void current.close().catch(() => undefined);
        this.#scheduleRetry(cause);
      },
    };
    try {
      const link = await this.connect(sink);
      if (!this.#started) {
        await link.close().catch(() => undefined);
        return;
      }
      if (lostBeforeOpen) {
        await closeWithin(link, 2_000);
        throw lostBeforeOpen;
      }
      current = link;
      this.#link = link;
      this.#lose = sink.lost;
      this.#attempt = 0;
      this.#setState('open');
      for (const w of this.#waiters.splice(0)) w.resolve();
    } catch (cause) {
      if (!this.#started) return;
      this.#scheduleRetry(cause instanceof Error ? cause : new Error(String(cause)));
    }
  }

  #scheduleRetry(cause: Error): void {
    if (!this.#started) return;
    this.#setState('reconnecting', cause);
    const delay = backoffDelay(this.#attempt++, this.backoff);
    this.#timer = setTimeout(() => void this.#tryConnect(), delay);
  }

  #setState(state: TransportState, cause?: Error): void {
    const changed = state !== this.#state;
    this.#state = state;
    // Repeated `reconnecting` states are still reported: each carries the latest cause.
    if (changed || cause) this.emit('state', state, cause);
  }
}

/** Closing a port whose device vanished can hang in the driver; nobody should wait on that. */
async function closeWithin(link: Link, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([link.close().catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
