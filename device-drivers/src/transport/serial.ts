// Serial lines through serialport: USB-serial ID card readers, printers, scanners on virtual
// COM ports, RS-485 buses. Tests pass SerialPortMock's constructor instead of the real one.
import { realpath } from 'node:fs/promises';
import { SerialPort, SerialPortMock } from 'serialport';
import { ReconnectingTransport, defaultBackoff, type BackoffOptions, type Link, type LinkSink } from './reconnecting.ts';
import type { ModemLines } from './transport.ts';

/** The part of serialport's stream we use; both SerialPort and SerialPortMock satisfy it. */
export interface SerialPortLike {
  readonly isOpen: boolean;
  open(callback: (err: Error | null) => void): void;
  write(data: Buffer): boolean;
  drain(callback: (err: Error | null) => void): void;
  close(callback?: (err: Error | null) => void): void;
  set(options: ModemLines, callback?: (err: Error | null) => void): void;
  on(event: 'data', listener: (chunk: Buffer) => void): this;
  on(event: 'close', listener: (err: Error | null) => void): this;
  on(event: 'error' | 'end', listener: (err?: Error) => void): this;
  removeAllListeners(): this;
}

export type SerialPortFactory = (options: { path: string; baudRate: number }) => SerialPortLike;

export const realSerialPort: SerialPortFactory = ({ path, baudRate }) =>
  new SerialPort({ path, baudRate, autoOpen: false, hupcl: false }) as unknown as SerialPortLike;

export const mockSerialPort: SerialPortFactory = ({ path, baudRate }) =>
  new SerialPortMock({ path, baudRate, autoOpen: false }) as unknown as SerialPortLike;

export interface SerialTransportOptions {
  path: string;
  baudRate?: number;
  portFactory?: SerialPortFactory;
  backoff?: BackoffOptions;
  /**
   * How often to check that the device node is still the one we opened (0: never). Catches a
   * device that vanished without the driver reporting a hang-up, as pseudo-terminals and some
   * USB adapters do. Only for Unix paths; COM ports have no node to look at.
   */
  watchPathMs?: number;
}

export class SerialTransport extends ReconnectingTransport {
  readonly uri: string;
  readonly #path: string;
  readonly #baudRate: number;
  readonly #factory: SerialPortFactory;
  readonly #watchPathMs: number;

  constructor(options: SerialTransportOptions) {
    super(options.backoff ?? defaultBackoff);
    this.#path = options.path;
    this.#baudRate = options.baudRate ?? 115200;
    this.#factory = options.portFactory ?? realSerialPort;
    this.#watchPathMs = options.watchPathMs ?? (options.portFactory ? 0 : 1_000);
    this.uri = `serial:${this.#path}?baud=${this.#baudRate}`;
  }

  protected async connect(sink: LinkSink): Promise<Link> {
    const port = this.#factory({ path: this.#path, baudRate: this.#baudRate });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));

    let closing = false;
    let lost = false;
    let watch: NodeJS.Timeout | null = null;
    const reportLost = (cause: Error) => {
      if (closing || lost) return;
      lost = true;
      if (watch) clearInterval(watch);
      sink.lost(cause);
    };
    port.on('data', (chunk) => sink.data(chunk));
    // serialport reports an unplug as `close` with a DisconnectedError; a PTY whose other end
    // vanished may instead just end the stream.
    port.on('close', (err) => reportLost(err ?? new Error(`${this.#path} closed`)));
    port.on('end', () => reportLost(new Error(`${this.#path} ended`)));
    port.on('error', (err) => reportLost(err ?? new Error(`${this.#path} failed`)));

    if (this.#watchPathMs > 0 && this.#path.startsWith('/')) {
      const opened = await realpath(this.#path).catch(() => null);
      if (!lost) watch = setInterval(() => {
        void realpath(this.#path).then(
          (now) => now !== opened && reportLost(new Error(`${this.#path} now leads to another device`)),
          () => reportLost(new Error(`${this.#path} is gone`)),
        );
      }, this.#watchPathMs);
      watch?.unref();
    }

    return {
      write: (bytes) =>
        new Promise<void>((resolve, reject) => {
          port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
          port.drain((err) => (err ? reject(err) : resolve()));
        }),
      close: () =>
        new Promise<void>((resolve) => {
          closing = true;
          if (watch) clearInterval(watch);
          // A late error from a closed port must not crash the process: keep a quiet listener.
          const detach = () => {
            port.removeAllListeners();
            port.on('error', () => undefined);
            resolve();
          };
          if (port.isOpen) port.close(detach);
          else detach();
        }),
      setModemLines: (lines) =>
        new Promise<void>((resolve, reject) => port.set(lines, (err) => (err ? reject(err) : resolve()))),
    };
  }
}
